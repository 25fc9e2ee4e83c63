using System.Text.Json.Nodes;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.CostModel.Tests.Shapes;

/// <summary>
/// <see cref="SumWorkload"/>'s plan: one wide stage. It offers one task per core, a split the workload refuses
/// (100 tasks: above its maximum), and a repeat of the first; each task costs 3 steps (<see cref="TaskCostOf"/>).
/// </summary>
internal sealed class SumPlan(ParameterValues parameters) : WorkloadPlan(parameters, "additions", Split(parameters))
{
    public override IReadOnlyList<IReadOnlyDictionary<string, string>> CoarserSplits(int slots) =>
        [CoarserSplit.Of(("tasks", slots)), CoarserSplit.Of(("tasks", 100)), CoarserSplit.Of(("tasks", slots))];

    public override TaskCost? TaskCostOf(int stage) => new(3, 1.0, 16);

    public override long TaskUnits(int stage, int task) => Stages[stage].SpanUnits;

    public override byte[] CreateTaskInput(int stage, int task, IReadOnlyList<byte[]> previousOutputs) => [];

    public override JsonObject Finish(IReadOnlyList<byte[]> lastStageOutputs) => new() { ["tasks"] = lastStageOutputs.Count };

    private static StageSpec[] Split(ParameterValues parameters)
    {
        var n = parameters.GetInteger("n");
        var tasks = (int)parameters.GetInteger("tasks");
        return [StageSpec.Parallel("sum", tasks, n, (n + tasks - 1) / tasks)];
    }
}
