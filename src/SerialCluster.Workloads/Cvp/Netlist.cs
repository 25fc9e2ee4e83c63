namespace SerialCluster.Workloads.Cvp;

/// <summary>
/// A combinational circuit levelized into topological layers, in CSR form. Signals 0..InputCount−1 are the
/// inputs; signal InputCount + g is gate g. Gates are sorted by level (1 + the largest level of their fan-ins,
/// inputs at level 0), ties in definition order, so evaluating gates in index order is a topological order and
/// each level is one contiguous range.
/// </summary>
public sealed class Netlist
{
    private readonly int[] _first;
    private readonly int[] _fanIn;
    private readonly byte[] _codes;
    private readonly GateKind[] _kinds;
    private readonly int[] _levelStart;
    private readonly int[] _outputs;
    private int[]? _lastReadLevel;
    private (int LastRead, long Count)[][]? _lastReadGroups;

    private Netlist(int inputCount, GateKind[] kinds, int[] first, int[] fanIn, int[] levelStart, int[] outputs)
    {
        InputCount = inputCount;
        GateCount = kinds.Length;
        Depth = levelStart.Length - 2;
        _kinds = kinds;
        _first = first;
        _fanIn = fanIn;
        _levelStart = levelStart;
        _outputs = outputs;
        _codes = new byte[kinds.Length];
        for (var g = 0; g < kinds.Length; g++)
        {
            _codes[g] = GateCode.For(kinds[g], first[g + 1] - first[g]);
        }
    }

    public int InputCount { get; }

    public int GateCount { get; }

    public int SignalCount => InputCount + GateCount;

    /// <summary>The largest level of any gate (0 for a circuit without gates).</summary>
    public int Depth { get; }

    /// <summary>Total fan-in over all gates (the number of wires into gates).</summary>
    public int WireCount => _fanIn.Length;

    /// <summary>The output signals in OUTPUT declaration order (a signal may repeat).</summary>
    public ReadOnlySpan<int> Outputs => _outputs;

    /// <summary>CSR row starts: gate g reads <c>FanIn[First[g]..First[g+1]]</c>.</summary>
    internal int[] First => _first;

    /// <summary>Fan-in signal ids, row by row.</summary>
    internal int[] FanIn => _fanIn;

    /// <summary>Per-gate evaluation codes (see <see cref="GateCode"/>).</summary>
    internal byte[] Codes => _codes;

    /// <summary>
    /// Per signal, the highest level of a gate that reads it: Depth + 1 for an output, −1 for a signal nobody reads.
    /// Computed once per circuit (one pass over the wires) and shared by every cut of it: where a signal is made and
    /// last read decides what a staging carries across its barriers, whatever the staging.
    /// </summary>
    internal int[] LastReadLevel => LazyInitializer.EnsureInitialized(ref _lastReadLevel, ComputeLastReadLevel);

    /// <summary>
    /// Per level 0..Depth (level 0: the inputs), its signals grouped by <see cref="LastReadLevel"/>: (last reading
    /// level, signals) pairs, unread signals left out. What any cut carries across its barriers is a sum over these
    /// groups, so the cost model's variants (other tasks and grain) price their cut without a pass over the signals.
    /// </summary>
    internal (int LastRead, long Count)[][] LastReadGroups => LazyInitializer.EnsureInitialized(ref _lastReadGroups, ComputeLastReadGroups);

    public GateKind KindOf(int gate) => _kinds[gate];

    public ReadOnlySpan<int> FanInOf(int gate) => _fanIn.AsSpan(_first[gate], _first[gate + 1] - _first[gate]);

    /// <summary>First gate of level <paramref name="level"/> (1..Depth); <c>LevelStart(Depth + 1)</c> is GateCount.</summary>
    public int LevelStart(int level) => _levelStart[level];

    /// <summary>Gates at level <paramref name="level"/>.</summary>
    public int LevelWidth(int level) => _levelStart[level + 1] - _levelStart[level];

    /// <summary>The level of gate <paramref name="gate"/> (binary search over the level ranges).</summary>
    public int LevelOf(int gate)
    {
        int low = 1, high = Depth;
        while (low < high)
        {
            var mid = (low + high + 1) >> 1;
            if (_levelStart[mid] <= gate)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return low;
    }

    /// <summary>Values of every signal (one byte, 0 or 1, per signal) for the given input values.</summary>
    public byte[] Evaluate(ReadOnlySpan<byte> inputs)
    {
        if (inputs.Length != InputCount)
        {
            throw new ArgumentException($"The circuit has {InputCount} inputs, not {inputs.Length}.", nameof(inputs));
        }

        var values = new byte[SignalCount];
        inputs.CopyTo(values);
        GateEvaluator.Evaluate(_first, _fanIn, _codes, 0, GateCount, values, InputCount);
        return values;
    }

    /// <summary>
    /// Levelizes gates given in any order (fan-ins may refer to gates defined later). Throws the exception
    /// <paramref name="onCycle"/> builds from the gates (definition indices) of one cycle when the circuit has one.
    /// </summary>
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

        return FromLevels(inputCount, kinds, first, fanIn, level, outputs);
    }

    /// <summary>
    /// Builds a netlist from gates whose levels are already known (each gate's level exceeds its fan-ins').
    /// Gates are stably sorted by level; signal ids in <paramref name="fanIn"/> and <paramref name="outputs"/>
    /// refer to the given gate order and are renumbered.
    /// </summary>
    public static Netlist FromLevels(int inputCount, GateKind[] kinds, int[] first, int[] fanIn, int[] level, int[] outputs)
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

    private int[] ComputeLastReadLevel()
    {
        var last = new int[SignalCount];
        Array.Fill(last, -1);
        for (var level = 1; level <= Depth; level++)
        {
            // Levels only grow, so the last write is the highest reader.
            foreach (var v in _fanIn.AsSpan(_first[_levelStart[level]], _first[_levelStart[level + 1]] - _first[_levelStart[level]]))
            {
                last[v] = level;
            }
        }

        foreach (var output in _outputs)
        {
            last[output] = Depth + 1;
        }

        return last;
    }

    private (int LastRead, long Count)[][] ComputeLastReadGroups()
    {
        var lastRead = LastReadLevel;
        var groups = new (int LastRead, long Count)[Depth + 1][];
        var counts = new Dictionary<int, long>();
        for (var level = 0; level <= Depth; level++)
        {
            var (from, to) = level == 0 ? (0, InputCount) : (InputCount + _levelStart[level], InputCount + _levelStart[level + 1]);
            counts.Clear();
            // Runs of one value (a layered circuit's levels are one run, bar outputs and unread signals) cost one lookup.
            var i = from;
            while (i < to)
            {
                var value = lastRead[i];
                var run = i;
                while (run < to && lastRead[run] == value)
                {
                    run++;
                }

                if (value >= 0)
                {
                    counts[value] = counts.GetValueOrDefault(value) + (run - i);
                }

                i = run;
            }

            groups[level] = [.. counts.Select(c => (c.Key, c.Value))];
        }

        return groups;
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
