namespace SerialCluster.Workloads.Cvp;

/// <summary>
/// Checks gate tables whose levels are known and builds the <see cref="Netlist"/>, stably sorting the gates
/// by level and renumbering the signals when they are not already in level order.
/// </summary>
internal static class NetlistLevelSort
{
    /// <summary>See <see cref="Netlist.FromLevels"/>.</summary>
    public static Netlist Build(int inputCount, GateKind[] kinds, int[] first, int[] fanIn, int[] level, int[] outputs)
    {
        // The evaluator reads without bounds checks, so every index is checked here, once.
        var gates = kinds.Length;
        var signals = (long)inputCount + gates;
        if (inputCount < 0 || signals > int.MaxValue || first.Length != gates + 1 || first[0] != 0 ||
            first[gates] != fanIn.Length || level.Length != gates)
        {
            throw new ArgumentException("The gate tables do not match the gate count.");
        }

        var depth = 0;
        for (var g = 0; g < gates; g++)
        {
            if (first[g + 1] <= first[g] || level[g] < 1)
            {
                throw new ArgumentException($"Gate {g} has no inputs or a level below 1.");
            }

            for (var j = first[g]; j < first[g + 1]; j++)
            {
                var source = fanIn[j];
                if (source < 0 || source >= signals || (source >= inputCount && level[source - inputCount] >= level[g]))
                {
                    throw new ArgumentException($"Gate {g} reads signal {source}, which is not a lower-level signal.");
                }
            }

            depth = Math.Max(depth, level[g]);
        }

        foreach (var output in outputs)
        {
            if (output < 0 || output >= signals)
            {
                throw new ArgumentException($"Output signal {output} does not exist.");
            }
        }

        var levelStart = new int[depth + 2];
        for (var g = 0; g < gates; g++)
        {
            levelStart[level[g] + 1]++;
        }

        levelStart[0] = 0;
        for (var d = 1; d < levelStart.Length; d++)
        {
            levelStart[d] += levelStart[d - 1];
        }

        // levelStart[d] is now the first gate of level d (level 0 holds no gates). Gates given in level order (a
        // generated circuit's are) keep their numbers: no renumbering table, a build of millions of gates is setup.
        if (IsNonDecreasing(level))
        {
            return new Netlist(inputCount, kinds, first, fanIn, levelStart, outputs);
        }

        var fill = (int[])levelStart.Clone();
        var newIndex = new int[gates];
        for (var g = 0; g < gates; g++)
        {
            newIndex[g] = fill[level[g]]++;
        }

        var sortedKinds = new GateKind[gates];
        var sortedFirst = new int[gates + 1];
        for (var g = 0; g < gates; g++)
        {
            sortedKinds[newIndex[g]] = kinds[g];
            sortedFirst[newIndex[g] + 1] = first[g + 1] - first[g];
        }

        for (var g = 0; g < gates; g++)
        {
            sortedFirst[g + 1] += sortedFirst[g];
        }

        var sortedFanIn = new int[fanIn.Length];
        for (var g = 0; g < gates; g++)
        {
            var target = sortedFirst[newIndex[g]];
            for (var j = first[g]; j < first[g + 1]; j++)
            {
                sortedFanIn[target++] = Renumber(fanIn[j], inputCount, newIndex);
            }
        }

        var sortedOutputs = new int[outputs.Length];
        for (var i = 0; i < outputs.Length; i++)
        {
            sortedOutputs[i] = Renumber(outputs[i], inputCount, newIndex);
        }

        return new Netlist(inputCount, sortedKinds, sortedFirst, sortedFanIn, levelStart, sortedOutputs);
    }

    private static bool IsNonDecreasing(ReadOnlySpan<int> values)
    {
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] < values[i - 1])
            {
                return false;
            }
        }

        return true;
    }

    private static int Renumber(int signal, int inputCount, int[] newIndex) =>
        signal < inputCount ? signal : inputCount + newIndex[signal - inputCount];
}
