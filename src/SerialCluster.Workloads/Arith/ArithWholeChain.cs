using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.Arith;

/// <summary>Pinned mode's form: every gate in topological (level) order over one value array, one step per gate; its output is the output values.</summary>
internal sealed class ArithWholeChain : IChainRun
{
    private const string Kind = "arith-whole";

    private readonly ArithCircuit _circuit;
    private readonly ulong[] _values;

    public ArithWholeChain(ArithCircuit circuit)
    {
        _circuit = circuit;
        _values = new ulong[circuit.SignalCount];
        circuit.LeafValues.CopyTo(_values, 0);
    }

    public long TotalSteps => _circuit.GateCount;

    public long StepsDone { get; private set; }

    public void Advance(long steps)
    {
        var start = (int)StepsDone;
        var end = (int)Math.Min(TotalSteps, StepsDone + Math.Max(0, steps));
        ArithEvaluator.Evaluate(_circuit.Ops, _circuit.OperandStart, _circuit.Operands, start, end, _values, _circuit.LeafCount + start);
        StepsDone = end;
    }

    public byte[] Output()
    {
        if (StepsDone != TotalSteps)
        {
            throw new InvalidOperationException($"The chain has evaluated {StepsDone} of {TotalSteps} gates.");
        }

        var outputs = _circuit.Outputs;
        var bytes = new byte[outputs.Length * 8];
        for (var i = 0; i < outputs.Length; i++)
        {
            ArithWords.Write(bytes, i, _values[outputs[i]]);
        }

        return bytes;
    }

    public byte[] Checkpoint() => new ChainStateWriter(Kind).Int64(StepsDone).Words(_values).ToArray();

    public void Restore(byte[] checkpoint)
    {
        var reader = new ChainStateReader(checkpoint, Kind);
        var steps = reader.Steps(TotalSteps);
        ChainStateReader.Into(reader.Words(), _values, "signal values");
        reader.End();
        StepsDone = steps;
    }
}
