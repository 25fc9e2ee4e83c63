using System.Text.Json.Nodes;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.Arith;

/// <summary>
/// Scattered: one stage per level (or per run of narrow levels, <see cref="ArithStaging"/>), each level's gates split
/// into tasks over contiguous ranges that read only the values they need (<see cref="ArithTaskTables"/>). Pinned: every
/// gate in topological order in one pass (<see cref="ArithWholeChain"/>). Both give the same residues, bit for bit.
/// </summary>
public sealed class ArithPlan : WorkloadPlan
{
    /// <summary>Output values listed in the result up to this many; the digest covers them all.</summary>
    public const int ListedOutputs = 1024;

    private readonly ArithCircuit _circuit;
    private readonly ArithStaging _staging;
    private readonly Lazy<ArithTaskTables> _tables;

    internal ArithPlan(ParameterValues parameters, ArithCircuit circuit, ArithStaging staging)
        : base(parameters, ArithWorkload.UnitName, staging.Specs)
    {
        _circuit = circuit;
        _staging = staging;
        // Built on first use (pinned mode never needs them), timed as the plan's build, not as a task's work.
        _tables = new Lazy<ArithTaskTables>(
            () =>
            {
                var start = System.Diagnostics.Stopwatch.GetTimestamp();
                var tables = ArithTableCache.GetOrBuild(circuit, parameters.GetInt32("tasks"), parameters.GetInt32("grain"), staging);
                AddBuildTicks(System.Diagnostics.Stopwatch.GetTimestamp() - start);
                return tables;
            },
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public ArithCircuit Circuit => _circuit;

    protected override void BuildTaskTables() => _ = _tables.Value;

    public override long TaskUnits(int stage, int task)
    {
        var global = _staging.GlobalTask(stage, task);
        return _staging.EndGate(global) - _staging.FirstGate(global);
    }

    public override byte[] CreateTaskInput(int stage, int task, IReadOnlyList<byte[]> previousOutputs)
    {
        var reads = _tables.Value.Reads[_staging.GlobalTask(stage, task)];
        var carry = task == _staging.TaskCount(stage) - 1 ? _tables.Value.Carry[stage] : [];
        var input = new byte[(reads.Length + carry.Length) * 8];
        for (var i = 0; i < reads.Length; i++)
        {
            ArithWords.Write(input, i, ValueAfter(stage - 1, reads[i], previousOutputs));
        }

        for (var i = 0; i < carry.Length; i++)
        {
            ArithWords.Write(input, reads.Length + i, ValueAfter(stage - 1, carry[i], previousOutputs));
        }

        return input;
    }

    public override byte[] RunTask(int stage, int task, byte[] input, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var global = _staging.GlobalTask(stage, task);
        int first = _staging.FirstGate(global), end = _staging.EndGate(global);
        var readCount = _tables.Value.Reads[global].Length;
        var carried = ArithWords.Count(input) - readCount;
        var values = new ulong[readCount + end - first];
        for (var i = 0; i < readCount; i++)
        {
            values[i] = ArithWords.Read(input, i);
        }

        ArithEvaluator.Evaluate(_circuit.Ops, _circuit.OperandStart, _tables.Value.LocalOperand, first, end, values, readCount);
        var output = new byte[(end - first + carried) * 8];
        for (var i = 0; i < end - first; i++)
        {
            ArithWords.Write(output, i, values[readCount + i]);
        }

        input.AsSpan(readCount * 8).CopyTo(output.AsSpan((end - first) * 8));
        return output;
    }

    public override IChainRun? CreateWholeChain() => new ArithWholeChain(_circuit);

    public override JsonObject FinishWholeChain(byte[] output)
    {
        var values = new ulong[ArithWords.Count(output)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = ArithWords.Read(output, i);
        }

        return Result(values);
    }

    public override JsonObject Finish(IReadOnlyList<byte[]> lastStageOutputs) =>
        Result([.. _circuit.Outputs.Select(signal => ValueAfter(_staging.StageCount - 1, signal, lastStageOutputs))]);

    /// <summary>Fewer, larger tasks per level: one and two per core (<see cref="CoarserSplit.FewerTasks"/>).</summary>
    public override IReadOnlyList<IReadOnlyDictionary<string, string>> CoarserSplits(int slots) => CoarserSplit.FewerTasks(this, slots);

    /// <summary>The value of <paramref name="signal"/> as the outputs of <paramref name="stage"/> hold it (a leaf: the plan's own).</summary>
    private ulong ValueAfter(int stage, int signal, IReadOnlyList<byte[]> outputs)
    {
        var gate = signal - _circuit.LeafCount;
        if (gate < 0)
        {
            return _circuit.LeafValues[signal];
        }

        var stageTasks = _staging.TaskCount(stage);
        var lastGlobal = _staging.GlobalTask(stage, stageTasks - 1);
        if (gate >= _staging.FirstGate(_staging.GlobalTask(stage, 0)) && gate < _staging.EndGate(lastGlobal))
        {
            var task = _staging.TaskOfGate(stage, gate);
            return ArithWords.Read(outputs[task], gate - _staging.FirstGate(_staging.GlobalTask(stage, task)));
        }

        var carried = Array.BinarySearch(_tables.Value.Carry[stage], signal);
        if (carried < 0)
        {
            throw new InvalidOperationException($"Signal {signal} is neither made in nor carried through stage {stage}.");
        }

        var own = _staging.EndGate(lastGlobal) - _staging.FirstGate(lastGlobal);
        return ArithWords.Read(outputs[stageTasks - 1], own + carried);
    }

    private JsonObject Result(ulong[] values)
    {
        ulong digest = 0;
        for (var i = 0; i < values.Length; i++)
        {
            digest = ArithField.Add(digest, ArithField.Multiply((ulong)(i + 1), values[i]));
        }

        var json = new JsonObject
        {
            ["modulus"] = ArithField.Modulus,
            ["outputCount"] = values.Length,
            ["outputDigest"] = digest,
            ["gates"] = _circuit.GateCount,
            ["depth"] = _circuit.Depth,
            ["inputs"] = _circuit.InputLeaves.Length,
            ["degreeLog2"] = Math.Round(_circuit.DegreeLog2, 6),
        };
        if (values.Length <= ListedOutputs)
        {
            json["outputs"] = new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
            json["outputNames"] = new JsonArray([.. _circuit.OutputNames.Select(n => (JsonNode?)JsonValue.Create(n))]);
        }

        return json;
    }
}
