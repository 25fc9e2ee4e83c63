namespace SerialCluster.Workloads.Cvp;

/// <summary>
/// Levels for gates given in any order: Kahn's algorithm over the fan-out lists, and on a cycle the gates of
/// one cycle for the caller's error message.
/// </summary>
internal static class NetlistLevelizer
{
    /// <summary>See <see cref="Netlist.Levelize"/>.</summary>
    public static Netlist Levelize(
        int inputCount, GateKind[] kinds, int[] first, int[] fanIn, int[] outputs, Func<IReadOnlyList<int>, Exception> onCycle)
    {
        var gates = kinds.Length;
        var level = new int[gates];
        var pending = new int[gates];
        var fanOutStart = new int[gates + 1];
        for (var g = 0; g < gates; g++)
        {
            for (var j = first[g]; j < first[g + 1]; j++)
            {
                var source = fanIn[j] - inputCount;
                if (source >= 0)
                {
                    pending[g]++;
                    fanOutStart[source + 1]++;
                }
            }
        }

        for (var g = 0; g < gates; g++)
        {
            fanOutStart[g + 1] += fanOutStart[g];
        }

        var fanOut = new int[fanOutStart[gates]];
        var fill = (int[])fanOutStart.Clone();
        for (var g = 0; g < gates; g++)
        {
            for (var j = first[g]; j < first[g + 1]; j++)
            {
                var source = fanIn[j] - inputCount;
                if (source >= 0)
                {
                    fanOut[fill[source]++] = g;
                }
            }
        }

        // Kahn's algorithm; a gate's level is final when its last gate fan-in is done.
        var queue = new int[gates];
        int head = 0, tail = 0;
        for (var g = 0; g < gates; g++)
        {
            level[g] = 1;
            if (pending[g] == 0)
            {
                queue[tail++] = g;
            }
        }

        while (head < tail)
        {
            var g = queue[head++];
            for (var j = fanOutStart[g]; j < fanOutStart[g + 1]; j++)
            {
                var consumer = fanOut[j];
                level[consumer] = Math.Max(level[consumer], level[g] + 1);
                if (--pending[consumer] == 0)
                {
                    queue[tail++] = consumer;
                }
            }
        }

        if (tail < gates)
        {
            throw onCycle(FindCycle(inputCount, first, fanIn, pending));
        }

        return NetlistLevelSort.Build(inputCount, kinds, first, fanIn, level, outputs);
    }

    /// <summary>Gates Kahn's algorithm left unfinished each have an unfinished fan-in: follow them until one repeats.</summary>
    private static int[] FindCycle(int inputCount, int[] first, int[] fanIn, int[] pending)
    {
        var start = Array.FindIndex(pending, p => p > 0);
        var seenAt = new Dictionary<int, int>();
        var path = new List<int>();
        var g = start;
        while (!seenAt.ContainsKey(g))
        {
            seenAt[g] = path.Count;
            path.Add(g);
            var next = -1;
            for (var j = first[g]; j < first[g + 1] && next < 0; j++)
            {
                var source = fanIn[j] - inputCount;
                if (source >= 0 && pending[source] > 0)
                {
                    next = source;
                }
            }

            g = next;
        }

        // path[seenAt[g]..] is the cycle, walked against the wires (consumer to source): reverse it.
        var cycle = path.GetRange(seenAt[g], path.Count - seenAt[g]);
        cycle.Reverse();
        return [.. cycle];
    }
}
