using System.Text.Json.Nodes;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.Mdp;

/// <summary>
/// <c>horizon</c> wide stages, one per synchronous sweep; task t owns states [states·t/tasks, states·(t+1)/tasks), reads the whole previous vector and
/// writes its block. The plan stops after the first sweep whose residual (the blocks' max, order-free) is below <c>tolerance</c>
/// (<see cref="IsComplete"/>), so a job converging at sweep k runs k stages in every mode. Inputs carry the sweeps done and the last residual, and a
/// converged input is copied through, so an executor that ran past the stop would still return the same values, residual and sweep count.
/// </summary>
public sealed class MdpPlan : WorkloadPlan
{
    private readonly Lazy<MdpModel> _model;
    private readonly int _states;
    private readonly int _tasks;
    private readonly int _horizon;
    private readonly double _tolerance;
    private readonly bool _optimize;
    private readonly long _unitsPerState;

    public MdpPlan(ParameterValues parameters, MdpShape shape)
        : base(parameters, MdpWorkload.UnitName, StagesFor(parameters, shape))
    {
        _states = shape.States;
        _tasks = parameters.GetInt32("tasks");
        _horizon = parameters.GetInt32("horizon");
        _tolerance = parameters.GetReal("tolerance");
        _optimize = shape.Optimize;
        _unitsPerState = (long)shape.Actions * shape.Successors;
        // Built on first use, so a coordinator that only plans never draws the tables.
        _model = new Lazy<MdpModel>(() => shape.Build(), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The MDP itself (drawn on first use; the same on every silo).</summary>
    public MdpModel Model => _model.Value;

    public override long TaskUnits(int stage, int task) => (Start(task + 1) - Start(task)) * _unitsPerState;

    public override byte[] CreateTaskInput(int stage, int task, IReadOnlyList<byte[]> previousOutputs)
    {
        var first = Start(task);
        var count = Start(task + 1) - first;
        var actionBytes = _optimize ? count : 0;
        var input = new byte[MdpCodec.HeaderBytes + (_states * 8) + actionBytes];
        if (stage == 0)
        {
            // Before the first sweep: V = 0, no residual yet.
            MdpCodec.Write(0, double.PositiveInfinity, [], []).CopyTo(input, 0);
            return input;
        }

        var residual = 0.0;
        var offset = MdpCodec.HeaderBytes;
        foreach (var block in previousOutputs)
        {
            residual = Math.Max(residual, MdpCodec.Residual(block));
            var blockCount = MdpCodec.Count(block, _optimize);
            block.AsSpan(MdpCodec.HeaderBytes, blockCount * 8).CopyTo(input.AsSpan(offset));
            offset += blockCount * 8;
        }

        MdpCodec.Write(MdpCodec.Sweeps(previousOutputs[0]), residual, [], []).CopyTo(input, 0);
        if (_optimize)
        {
            MdpCodec.Actions(previousOutputs[task], count, count).CopyTo(input.AsSpan(offset));
        }

        return input;
    }

    public override byte[] RunTask(int stage, int task, byte[] input, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var first = Start(task);
        var count = Start(task + 1) - first;
        var sweeps = MdpCodec.Sweeps(input);
        var residual = MdpCodec.Residual(input);
        var values = new double[_states];
        MdpCodec.ReadDoubles(input.AsSpan(MdpCodec.HeaderBytes, _states * 8), values);
        var actions = new byte[_optimize ? count : 0];
        input.AsSpan(MdpCodec.HeaderBytes + (_states * 8)).CopyTo(actions);
        if (residual < _tolerance)
        {
            // Converged: this sweep is a copy, so every mode stops at the same sweep.
            return MdpCodec.Write(sweeps, residual, values.AsSpan(first, count), actions);
        }

        var next = new double[count];
        var blockResidual = MdpKernel.Sweep(Model, values, next, actions, first);
        return MdpCodec.Write(sweeps + 1, blockResidual, next, actions);
    }

    public override IChainRun? CreateWholeChain() => new MdpRun(Model, _horizon, _tolerance);

    public override JsonObject FinishWholeChain(byte[] output) => Finish([output]);

    /// <summary>Stop after the first sweep whose residual is below the tolerance: every later sweep would only copy.</summary>
    public override bool IsComplete(int stage, IReadOnlyList<byte[]> stageOutputs) => Residual(stageOutputs) < _tolerance;

    /// <summary>The whole chain ends at the same sweep (<see cref="MdpRun"/>): the sweeps it did are the stages done.</summary>
    public override int WholeChainStages(byte[] output) => MdpCodec.Sweeps(output);

    private static double Residual(IReadOnlyList<byte[]> blocks)
    {
        var residual = 0.0;
        foreach (var block in blocks)
        {
            residual = Math.Max(residual, MdpCodec.Residual(block));
        }

        return residual;
    }

    /// <summary>Fewer, larger tasks per stage: one and two per core (<see cref="CoarserSplit.FewerTasks"/>).</summary>
    public override IReadOnlyList<IReadOnlyDictionary<string, string>> CoarserSplits(int slots) => CoarserSplit.FewerTasks(this, slots);

    public override JsonObject Finish(IReadOnlyList<byte[]> lastStageOutputs)
    {
        var values = new double[_states];
        var actions = new byte[_optimize ? _states : 0];
        var residual = 0.0;
        var offset = 0;
        foreach (var block in lastStageOutputs)
        {
            var count = MdpCodec.Count(block, _optimize);
            residual = Math.Max(residual, MdpCodec.Residual(block));
            MdpCodec.ReadValues(block, count, values.AsSpan(offset));
            if (_optimize)
            {
                MdpCodec.Actions(block, count, count).CopyTo(actions.AsSpan(offset));
            }

            offset += count;
        }

        var json = new JsonObject
        {
            ["values"] = new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(Round(v)))]),
            ["iterations"] = MdpCodec.Sweeps(lastStageOutputs[0]),
            ["residual"] = residual,
            ["converged"] = residual < _tolerance,
        };
        if (_optimize)
        {
            json["policy"] = new JsonArray([.. actions.Select(a => (JsonNode?)JsonValue.Create((int)a))]);
        }

        return json;
    }

    /// <summary>Values are reported to 6 decimals, ties to even, with no "-0".</summary>
    internal static double Round(double value)
    {
        var rounded = Math.Round(value, 6, MidpointRounding.ToEven);
        return rounded == 0.0 ? 0.0 : rounded; // no "-0" in the output
    }

    private static StageSpec[] StagesFor(ParameterValues parameters, MdpShape shape)
    {
        var horizon = parameters.GetInt32("horizon");
        var tasks = parameters.GetInt32("tasks");
        var perState = (long)shape.Actions * shape.Successors;
        var sweep = StageSpec.Parallel("sweep", tasks, shape.States * perState, (shape.States + tasks - 1) / tasks * perState);
        var stages = new StageSpec[horizon];
        Array.Fill(stages, sweep);
        return stages;
    }

    private int Start(int task) => (int)((long)_states * task / _tasks);
}
