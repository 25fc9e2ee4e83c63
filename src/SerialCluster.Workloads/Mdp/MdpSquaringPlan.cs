using System.Numerics;
using System.Text.Json.Nodes;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.Mdp;

/// <summary>
/// Policy evaluation of the equiprobable random policy by squaring (<c>method=squaring</c>): V_H = f^H(0) for f(V) = r_π + γP_π·V, H = <c>horizon</c>.
/// A linear recurrence has this doubling shortcut (f^(2m) = f^m ∘ f^m); value iteration's max does not. Stage j (one per bit of H) applies
/// f^(2^j) = (A_j, b_j) to v when bit j is set and, unless last, squares it: A_(j+1) = A_j², b_(j+1) = A_j·b_j + b_j. Tasks own row blocks and receive
/// the whole (A_j, b_j, v). Units are multiply-adds, zeros included: work ≈ (L − 1)·n³, span ≈ (L − 1)·n³ / tasks for L = ⌊log₂H⌋ + 1 stages.
/// </summary>
public sealed class MdpSquaringPlan : WorkloadPlan
{
    private readonly Lazy<MdpModel> _model;
    private readonly int _states;
    private readonly int _tasks;
    private readonly int _horizon;
    private readonly int _levels;

    public MdpSquaringPlan(ParameterValues parameters, MdpShape shape)
        : base(parameters, MdpWorkload.UnitName, StagesFor(parameters, shape.States))
    {
        _states = shape.States;
        _tasks = parameters.GetInt32("tasks");
        _horizon = parameters.GetInt32("horizon");
        _levels = Levels(_horizon);
        _model = new Lazy<MdpModel>(() => shape.Build(), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The MDP itself (drawn on first use; the same on every silo).</summary>
    public MdpModel Model => _model.Value;

    /// <summary>Stages: one per bit of H (⌊log₂H⌋ + 1).</summary>
    public static int Levels(int horizon) => 64 - BitOperations.LeadingZeroCount((ulong)horizon);

    public override long TaskUnits(int stage, int task) => (Start(task + 1) - Start(task)) * RowUnits(stage, _states, _horizon, _levels);

    public override byte[] CreateTaskInput(int stage, int task, IReadOnlyList<byte[]> previousOutputs)
    {
        if (stage == 0)
        {
            // The first stage's tasks build (A_0, b_0) from the model; v = 0.
            return [];
        }

        // [A_j: n × n][b_j: n][v_j: n], gathered from the blocks of the previous stage in task order.
        var n = _states;
        var input = new byte[(((long)n * n) + (2L * n)) * 8];
        var matrix = 0L;
        var vectors = (long)n * n * 8;
        for (var t = 0; t < previousOutputs.Count; t++)
        {
            var rows = Start(t + 1) - Start(t);
            var block = previousOutputs[t];
            block.AsSpan(0, rows * n * 8).CopyTo(input.AsSpan((int)matrix));
            block.AsSpan(rows * n * 8, rows * 8).CopyTo(input.AsSpan((int)(vectors + (Start(t) * 8L))));
            block.AsSpan((rows * n * 8) + (rows * 8), rows * 8).CopyTo(input.AsSpan((int)(vectors + ((n + Start(t)) * 8L))));
            matrix += rows * n * 8L;
        }

        return input;
    }

    public override byte[] RunTask(int stage, int task, byte[] input, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var n = _states;
        var first = Start(task);
        var rows = Start(task + 1) - first;
        double[] a, b, v;
        if (stage == 0)
        {
            (a, b) = MdpSquaringKernel.Affine(Model);
            v = new double[n];
        }
        else
        {
            a = new double[(long)n * n];
            b = new double[n];
            v = new double[n];
            MdpCodec.ReadDoubles(input.AsSpan(0, n * n * 8), a);
            MdpCodec.ReadDoubles(input.AsSpan(n * n * 8, n * 8), b);
            MdpCodec.ReadDoubles(input.AsSpan((n * n * 8) + (n * 8), n * 8), v);
        }

        var squares = stage < _levels - 1;
        var output = new double[(squares ? (rows * n) + rows : 0) + rows];
        var next = output.AsSpan(output.Length - rows);
        if (((_horizon >> stage) & 1) == 1)
        {
            MdpSquaringKernel.Apply(a, n, first, v, b, next);
        }
        else
        {
            v.AsSpan(first, rows).CopyTo(next);
        }

        if (squares)
        {
            MdpSquaringKernel.Square(a, n, first, rows, output.AsSpan(0, rows * n), cancellationToken);
            MdpSquaringKernel.Apply(a, n, first, b, b, output.AsSpan(rows * n, rows));
        }

        var bytes = new byte[output.Length * 8];
        MdpCodec.WriteDoubles(output, bytes);
        return bytes;
    }

    /// <summary>V_H, unrounded, from the last stage's outputs in task order.</summary>
    public double[] Values(IReadOnlyList<byte[]> lastStageOutputs)
    {
        var values = new double[_states];
        for (var t = 0; t < lastStageOutputs.Count; t++)
        {
            var rows = Start(t + 1) - Start(t);
            MdpCodec.ReadDoubles(lastStageOutputs[t].AsSpan(0, rows * 8), values.AsSpan(Start(t), rows));
        }

        return values;
    }

    /// <summary>Fewer, larger tasks per stage: one and two per core (<see cref="CoarserSplit.FewerTasks"/>).</summary>
    public override IReadOnlyList<IReadOnlyDictionary<string, string>> CoarserSplits(int slots) => CoarserSplit.FewerTasks(this, slots);

    public override JsonObject Finish(IReadOnlyList<byte[]> lastStageOutputs) => new()
    {
        ["values"] = new JsonArray([.. Values(lastStageOutputs).Select(v => (JsonNode?)JsonValue.Create(MdpPlan.Round(v)))]),
        ["iterations"] = _horizon,
        ["method"] = "squaring",
        ["squarings"] = _levels - 1,
    };

    /// <summary>Multiply-adds of one row in stage <paramref name="stage"/>: n² + n to square (A² and A·b), n to apply.</summary>
    private static long RowUnits(int stage, int states, int horizon, int levels) =>
        (stage < levels - 1 ? ((long)states * states) + states : 0) + (((horizon >> stage) & 1) == 1 ? states : 0);

    private static StageSpec[] StagesFor(ParameterValues parameters, int states)
    {
        var horizon = parameters.GetInt32("horizon");
        var tasks = parameters.GetInt32("tasks");
        var levels = Levels(horizon);
        var largest = (states + tasks - 1) / tasks;
        var stages = new StageSpec[levels];
        for (var stage = 0; stage < levels; stage++)
        {
            var perRow = RowUnits(stage, states, horizon, levels);
            stages[stage] = StageSpec.Parallel(stage < levels - 1 ? "square" : "apply", tasks, states * perRow, largest * perRow);
        }

        return stages;
    }

    private int Start(int task) => (int)((long)_states * task / _tasks);
}
