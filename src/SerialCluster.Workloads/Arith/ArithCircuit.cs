namespace SerialCluster.Workloads.Arith;

/// <summary>
/// A levelized arithmetic circuit. Signals 0 … LeafCount−1 are leaves (inputs and constants, in declaration order),
/// signal LeafCount + g is gate g; gates are sorted by level (1 + the deepest operand's level, leaves at level 0),
/// so evaluating them in index order is a topological order and each level is a contiguous range.
/// </summary>
public sealed class ArithCircuit
{
    internal ArithCircuit(
        ulong[] leafValues, int[] inputLeaves, ArithOp[] ops, int[] operandStart, int[] operands, int[] levelStart,
        int[] outputs, string[] outputNames, double degreeLog2)
    {
        LeafValues = leafValues;
        InputLeaves = inputLeaves;
        Ops = ops;
        OperandStart = operandStart;
        Operands = operands;
        LevelStart = levelStart;
        Outputs = outputs;
        OutputNames = outputNames;
        DegreeLog2 = degreeLog2;
    }

    /// <summary>Leaf values: constants as declared, inputs as given (see <see cref="WithInputs"/>).</summary>
    public ulong[] LeafValues { get; }

    /// <summary>The leaves that are inputs, in declaration order.</summary>
    public int[] InputLeaves { get; }

    public ArithOp[] Ops { get; }

    /// <summary>Gate g reads Operands[OperandStart[g] … OperandStart[g + 1]).</summary>
    public int[] OperandStart { get; }

    public int[] Operands { get; }

    /// <summary>Level ℓ (1 … Depth) holds gates LevelStart[ℓ − 1] … LevelStart[ℓ] − 1.</summary>
    public int[] LevelStart { get; }

    public int[] Outputs { get; }

    public string[] OutputNames { get; }

    /// <summary>log2 of the largest formal degree among the outputs (0 for degree 0 or 1).</summary>
    public double DegreeLog2 { get; }

    public int LeafCount => LeafValues.Length;

    public int GateCount => Ops.Length;

    public int SignalCount => LeafCount + GateCount;

    public int Depth => LevelStart.Length - 1;

    public int LevelWidth(int level) => LevelStart[level] - LevelStart[level - 1];

    /// <summary>The same circuit with input i set to <paramref name="values"/>[i] (already reduced mod p).</summary>
    public ArithCircuit WithInputs(IReadOnlyList<ulong> values)
    {
        var leaves = (ulong[])LeafValues.Clone();
        for (var i = 0; i < InputLeaves.Length; i++)
        {
            leaves[InputLeaves[i]] = values[i];
        }

        return new ArithCircuit(leaves, InputLeaves, Ops, OperandStart, Operands, LevelStart, Outputs, OutputNames, DegreeLog2);
    }
}
