namespace SerialCluster.Workloads.Arith;

/// <summary>
/// Collects a straight-line program (every operand defined before the gate that reads it) and builds the levelized
/// <see cref="ArithCircuit"/>: levels, gates sorted by level, signals renumbered, the outputs' formal degree.
/// </summary>
public sealed class ArithCircuitBuilder
{
    private readonly List<int> _leafOf = []; // per node: its leaf index, or −1 for a gate
    private readonly List<int> _gateOf = []; // per node: its gate index, or −1 for a leaf
    private readonly List<ulong> _leafValues = [];
    private readonly List<int> _inputLeaves = [];
    private readonly List<ArithOp> _ops = [];
    private readonly List<int> _operandStart = [0];
    private readonly List<int> _operands = [];
    private readonly List<int> _outputs = [];
    private readonly List<string> _outputNames = [];

    public int NodeCount => _leafOf.Count;

    public int GateCount => _ops.Count;

    public int OperandCount => _operands.Count;

    /// <summary>A new input (value 0 until <see cref="ArithCircuit.WithInputs"/>); returns its node.</summary>
    public int AddInput()
    {
        _inputLeaves.Add(_leafValues.Count);
        return AddLeaf(0);
    }

    /// <summary>A constant leaf of value <paramref name="value"/> (below p); returns its node.</summary>
    public int AddConstant(ulong value) => AddLeaf(value);

    /// <summary>A gate over earlier nodes; returns its node.</summary>
    public int AddGate(ArithOp op, ReadOnlySpan<int> operands)
    {
        if (operands.IsEmpty)
        {
            throw new ArgumentException("A gate has at least one operand.", nameof(operands));
        }

        foreach (var operand in operands)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(operand, nameof(operands));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(operand, NodeCount, nameof(operands));
            _operands.Add(operand);
        }

        _ops.Add(op);
        _operandStart.Add(_operands.Count);
        _leafOf.Add(-1);
        _gateOf.Add(_ops.Count - 1);
        return NodeCount - 1;
    }

    public void AddOutput(int node, string name)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(node, NodeCount);
        _outputs.Add(node);
        _outputNames.Add(name);
    }

    public ArithCircuit Build()
    {
        var gates = _ops.Count;
        var level = new int[gates];
        var degree = new double[NodeCount];
        var depth = 0;
        var isInput = new bool[_leafValues.Count];
        foreach (var leaf in _inputLeaves)
        {
            isInput[leaf] = true;
        }

        for (var node = 0; node < NodeCount; node++)
        {
            var g = _gateOf[node];
            if (g < 0)
            {
                degree[node] = isInput[_leafOf[node]] ? 0 : double.NegativeInfinity;
                continue;
            }

            var deepest = 0;
            for (var k = _operandStart[g]; k < _operandStart[g + 1]; k++)
            {
                var operandGate = _gateOf[_operands[k]];
                deepest = Math.Max(deepest, operandGate < 0 ? 0 : level[operandGate]);
            }

            level[g] = deepest + 1;
            depth = Math.Max(depth, level[g]);
            degree[node] = DegreeOf(_ops[g], g, degree);
        }

        // Counting sort by level, stable: gate order within a level stays the order of definition.
        var levelStart = new int[depth + 1];
        foreach (var l in level)
        {
            levelStart[l]++;
        }

        for (var l = 1; l <= depth; l++)
        {
            levelStart[l] += levelStart[l - 1];
        }

        var next = new int[depth + 1];
        Array.Copy(levelStart, 0, next, 1, depth);
        var position = new int[gates];
        for (var g = 0; g < gates; g++)
        {
            position[g] = next[level[g]]++;
        }

        var leaves = _leafValues.Count;
        int Signal(int node) => _gateOf[node] is var g and >= 0 ? leaves + position[g] : _leafOf[node];

        var ops = new ArithOp[gates];
        var operandStart = new int[gates + 1];
        var sortedOrder = new int[gates];
        for (var g = 0; g < gates; g++)
        {
            sortedOrder[position[g]] = g;
        }

        var operands = new int[_operands.Count];
        var at = 0;
        for (var p = 0; p < gates; p++)
        {
            var g = sortedOrder[p];
            ops[p] = _ops[g];
            for (var k = _operandStart[g]; k < _operandStart[g + 1]; k++)
            {
                operands[at++] = Signal(_operands[k]);
            }

            operandStart[p + 1] = at;
        }

        var outputs = _outputs.Select(Signal).ToArray();
        var outputDegree = _outputs.Count == 0 ? 0 : _outputs.Max(o => degree[o]);
        return new ArithCircuit(
            [.. _leafValues], [.. _inputLeaves], ops, operandStart, operands, levelStart, outputs, [.. _outputNames], Math.Max(0, outputDegree));
    }

    private int AddLeaf(ulong value)
    {
        _leafValues.Add(value);
        _leafOf.Add(_leafValues.Count - 1);
        _gateOf.Add(-1);
        return NodeCount - 1;
    }

    // Formal degree, as log2 (−∞ for a constant): a sum has its largest operand's, a product the sum of its operands'.
    private double DegreeOf(ArithOp op, int gate, double[] degree)
    {
        var largest = double.NegativeInfinity;
        for (var k = _operandStart[gate]; k < _operandStart[gate + 1]; k++)
        {
            largest = Math.Max(largest, degree[_operands[k]]);
        }

        if (op != ArithOp.Multiply || double.IsNegativeInfinity(largest))
        {
            return largest;
        }

        var scaled = 0.0;
        for (var k = _operandStart[gate]; k < _operandStart[gate + 1]; k++)
        {
            scaled += Math.Pow(2, degree[_operands[k]] - largest);
        }

        return largest + Math.Log2(scaled);
    }
}
