using System.Buffers.Binary;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.Cvp;

/// <summary>
/// Pinned mode's form: every gate in topological (level) order in one pass over one value array, one step per
/// gate. Its output is the task header (largest level of a gate that is 1) followed by the packed output bits.
/// </summary>
internal sealed class CvpWholeChain : IChainRun
{
    private readonly Netlist _circuit;
    private readonly byte[] _values;

    public CvpWholeChain(CvpCircuit job)
    {
        _circuit = job.Evaluated;
        _values = new byte[_circuit.SignalCount];
        job.InputValues.CopyTo(_values, 0);
    }

    public long TotalSteps => _circuit.GateCount;

    public long StepsDone { get; private set; }

    public void Advance(long steps)
    {
        var start = (int)StepsDone;
        var end = (int)Math.Min(TotalSteps, StepsDone + Math.Max(0, steps));
        GateEvaluator.Evaluate(_circuit.First, _circuit.FanIn, _circuit.Codes, start, end, _values, _circuit.InputCount + start);
        StepsDone = end;
    }

    public byte[] Output()
    {
        if (StepsDone != TotalSteps)
        {
            throw new InvalidOperationException($"The chain has evaluated {StepsDone} of {TotalSteps} gates.");
        }

        var outputs = _circuit.Outputs;
        var output = new byte[CvpTaskTables.HeaderBytes + PackedBits.ByteCount(outputs.Length)];
        BinaryPrimitives.WriteInt32LittleEndian(output, CvpPlan.HighestOne(_circuit, _values.AsSpan(_circuit.InputCount), 0));
        for (var i = 0; i < outputs.Length; i++)
        {
            PackedBits.Set(output, CvpTaskTables.HeaderBytes, i, _values[outputs[i]]);
        }

        return output;
    }

    public byte[] Checkpoint() => new ChainStateWriter("cvp-whole").Int64(StepsDone).Bytes(_values).ToArray();

    public void Restore(byte[] checkpoint)
    {
        var reader = new ChainStateReader(checkpoint, "cvp-whole");
        var steps = reader.Steps(TotalSteps);
        ChainStateReader.Into(reader.Bytes(), _values, "signal values");
        reader.End();
        StepsDone = steps;
    }
}
