namespace SerialCluster.Workloads.Cvp;

/// <summary>Signals by name, in order of first mention; gates and inputs in declaration order.</summary>
internal sealed class BenchParseState
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];
    private readonly List<int> _definedOn = [];
    private readonly List<int> _firstUsedOn = [];
    private readonly List<int> _inputIndex = [];
    private readonly List<int> _gateIndex = [];
    private readonly List<int> _inputs = [];
    private readonly List<int> _outputs = [];
    private readonly List<GateKind> _kinds = [];
    private readonly List<int> _gateSignal = [];
    private readonly List<int> _gateLine = [];
    private readonly List<int> _first = [0];
    private readonly List<int> _fanIn = [];

    public int FanInCount => _fanIn.Count;

    public void DeclareInput(ReadOnlySpan<char> name, int line)
    {
        var id = Define(name, line);
        _inputIndex[id] = _inputs.Count;
        _inputs.Add(id);
    }

    public void DeclareOutput(ReadOnlySpan<char> name, int line) => _outputs.Add(Use(name, line));

    public void AddFanIn(ReadOnlySpan<char> name, int line) => _fanIn.Add(Use(name, line));

    public void DefineGate(ReadOnlySpan<char> name, GateKind kind, int line)
    {
        var id = Define(name, line);
        _gateIndex[id] = _kinds.Count;
        _kinds.Add(kind);
        _gateSignal.Add(id);
        _gateLine.Add(line);
        _first.Add(_fanIn.Count);
    }

    public Netlist Build()
    {
        var undefinedLine = int.MaxValue;
        var undefined = -1;
        for (var id = 0; id < _names.Count; id++)
        {
            if (_definedOn[id] == 0 && _firstUsedOn[id] < undefinedLine)
            {
                undefinedLine = _firstUsedOn[id];
                undefined = id;
            }
        }

        if (undefined >= 0)
        {
            throw new BenchFormatException(
                undefinedLine,
                $"undefined signal '{BenchParser.Shorten(_names[undefined])}' (used here, never defined by INPUT or a gate)");
        }

        if (_outputs.Count == 0)
        {
            throw new BenchFormatException(0, "the netlist declares no OUTPUT");
        }

        var inputCount = _inputs.Count;
        var fanIn = new int[_fanIn.Count];
        for (var j = 0; j < fanIn.Length; j++)
        {
            fanIn[j] = SignalOf(_fanIn[j], inputCount);
        }

        var outputs = new int[_outputs.Count];
        for (var i = 0; i < outputs.Length; i++)
        {
            outputs[i] = SignalOf(_outputs[i], inputCount);
        }

        return Netlist.Levelize(inputCount, [.. _kinds], [.. _first], fanIn, outputs, CycleError);
    }

    private BenchFormatException CycleError(IReadOnlyList<int> cycle)
    {
        // Start the walk at the gate defined first, so the message is the same however the cycle was found.
        var start = 0;
        for (var i = 1; i < cycle.Count; i++)
        {
            if (_gateLine[cycle[i]] < _gateLine[cycle[start]])
            {
                start = i;
            }
        }

        var shown = new List<string>();
        for (var i = 0; i < Math.Min(cycle.Count, BenchParser.MaxNamesInCycleMessage); i++)
        {
            shown.Add(BenchParser.Shorten(_names[_gateSignal[cycle[(start + i) % cycle.Count]]]));
        }

        shown.Add(cycle.Count > BenchParser.MaxNamesInCycleMessage ? "…" : BenchParser.Shorten(_names[_gateSignal[cycle[start]]]));
        return new BenchFormatException(
            _gateLine[cycle[start]],
            $"cycle: {string.Join(" -> ", shown)} ({(cycle.Count == 1 ? "a gate reading its own output" : $"{cycle.Count} gates feeding each other")})");
    }

    private int SignalOf(int id, int inputCount) => _inputIndex[id] >= 0 ? _inputIndex[id] : inputCount + _gateIndex[id];

    private int Define(ReadOnlySpan<char> name, int line)
    {
        var id = IdOf(name);
        if (_definedOn[id] != 0)
        {
            throw new BenchFormatException(line, $"duplicate definition of '{BenchParser.Shorten(name)}' (first defined on line {_definedOn[id]})");
        }

        _definedOn[id] = line;
        return id;
    }

    private int Use(ReadOnlySpan<char> name, int line)
    {
        var id = IdOf(name);
        if (_firstUsedOn[id] == 0)
        {
            _firstUsedOn[id] = line;
        }

        return id;
    }

    private int IdOf(ReadOnlySpan<char> name)
    {
        var lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(name, out var id))
        {
            return id;
        }

        id = _names.Count;
        var text = name.ToString();
        _ids.Add(text, id);
        _names.Add(text);
        _definedOn.Add(0);
        _firstUsedOn.Add(0);
        _inputIndex.Add(-1);
        _gateIndex.Add(-1);
        return id;
    }
}
