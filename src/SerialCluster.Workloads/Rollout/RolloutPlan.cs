using System.Text.Json.Nodes;
using SerialCluster.Workloads.Mdp;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.Rollout;

/// <summary>
/// One wide stage: task i simulates trajectories [N·i/tasks, N·(i+1)/tasks), each a chain of H steps, and returns their exact fixed-point sums
/// (<see cref="RolloutSums"/>); <see cref="Finish"/> adds them and sets the estimate beside the policy's exact values on the same MDP.
/// </summary>
public sealed class RolloutPlan : WorkloadPlan
{
    private readonly Lazy<MdpModel> _model;
    private readonly long _trajectories;
    private readonly int _horizon;
    private readonly int _tasks;
    private readonly int _start;
    private readonly ulong _sampleSeed;

    public RolloutPlan(ParameterValues parameters, Func<MdpModel> build)
        : base(parameters, RolloutWorkload.UnitName, [StageFor(parameters)])
    {
        _trajectories = parameters.GetInteger("trajectories");
        _horizon = parameters.GetInt32("horizon");
        _tasks = parameters.GetInt32("tasks");
        _start = parameters.GetInt32("start");
        _sampleSeed = (ulong)parameters.GetInteger("sampleSeed");
        // Drawn on first use, so a coordinator that only plans never builds the tables.
        _model = new Lazy<MdpModel>(build, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The MDP the trajectories run on (the same on every silo).</summary>
    public MdpModel Model => _model.Value;

    public override long TaskUnits(int stage, int task) => (First(task + 1) - First(task)) * _horizon;

    public override byte[] CreateTaskInput(int stage, int task, IReadOnlyList<byte[]> previousOutputs) => [];

    public override byte[] RunTask(int stage, int task, byte[] input, CancellationToken cancellationToken)
    {
        var first = First(task);
        var end = First(task + 1);
        var (sum, squares) = RolloutKernel.Sums(Model, _start, _horizon, _sampleSeed, first, end, cancellationToken);
        return new RolloutSums(end - first, sum, squares).ToBytes();
    }

    /// <summary>Fewer, larger tasks: one and two per core (<see cref="CoarserSplit.FewerTasks"/>); exact sums give the same bits at any split.</summary>
    public override IReadOnlyList<IReadOnlyDictionary<string, string>> CoarserSplits(int slots) => CoarserSplit.FewerTasks(this, slots);

    public override JsonObject Finish(IReadOnlyList<byte[]> lastStageOutputs)
    {
        var total = default(RolloutSums);
        foreach (var output in lastStageOutputs)
        {
            total = total.Add(RolloutSums.FromBytes(output));
        }

        var model = Model;
        var exact = RolloutExactValue.InfiniteHorizon(model)[_start];
        var horizonValue = RolloutExactValue.FiniteHorizon(model, _horizon)[_start];
        var estimate = total.Mean;
        var standardError = total.StandardError;
        return new JsonObject
        {
            ["estimate"] = estimate,
            ["standardError"] = standardError,
            ["horizonValue"] = horizonValue,
            ["exactValue"] = exact,
            ["truncationBias"] = exact - horizonValue,
            ["biasBound"] = Math.Pow(model.Gamma, _horizon) * RolloutExactValue.LargestReward(model) / (1.0 - model.Gamma),
            ["errorInStandardErrors"] = standardError > 0.0 ? (estimate - horizonValue) / standardError : 0.0,
            ["trajectories"] = total.Count,
            ["horizon"] = _horizon,
            ["steps"] = total.Count * _horizon,
        };
    }

    private static StageSpec StageFor(ParameterValues parameters)
    {
        var trajectories = parameters.GetInteger("trajectories");
        var horizon = parameters.GetInteger("horizon");
        var tasks = parameters.GetInteger("tasks");
        var largest = (trajectories + tasks - 1) / tasks;
        return StageSpec.Parallel("trajectories", (int)tasks, trajectories * horizon, largest * horizon);
    }

    private long First(int task) => (long)((Int128)_trajectories * task / _tasks);
}
