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

    internal Netlist(int inputCount, GateKind[] kinds, int[] first, int[] fanIn, int[] levelStart, int[] outputs)
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
    internal int[] LastReadLevel => LazyInitializer.EnsureInitialized(ref _lastReadLevel, () => NetlistLastReads.LastReadLevels(this));

    /// <summary>
    /// Per level 0..Depth (level 0: the inputs), its signals grouped by <see cref="LastReadLevel"/>: (last reading
    /// level, signals) pairs, unread signals left out. What any cut carries across its barriers is a sum over these
    /// groups, so the cost model's variants (other tasks and grain) price their cut without a pass over the signals.
    /// </summary>
    internal (int LastRead, long Count)[][] LastReadGroups =>
        LazyInitializer.EnsureInitialized(ref _lastReadGroups, () => NetlistLastReads.Groups(this));

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
        int inputCount, GateKind[] kinds, int[] first, int[] fanIn, int[] outputs, Func<IReadOnlyList<int>, Exception> onCycle) =>
        NetlistLevelizer.Levelize(inputCount, kinds, first, fanIn, outputs, onCycle);

    /// <summary>
    /// Builds a netlist from gates whose levels are already known (each gate's level exceeds its fan-ins').
    /// Gates are stably sorted by level; signal ids in <paramref name="fanIn"/> and <paramref name="outputs"/>
    /// refer to the given gate order and are renumbered.
    /// </summary>
    public static Netlist FromLevels(int inputCount, GateKind[] kinds, int[] first, int[] fanIn, int[] level, int[] outputs) =>
        NetlistLevelSort.Build(inputCount, kinds, first, fanIn, level, outputs);
}
