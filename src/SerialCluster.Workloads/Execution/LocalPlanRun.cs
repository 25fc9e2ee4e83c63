using System.Text.Json.Nodes;

namespace SerialCluster.Workloads.Execution;

/// <summary>
/// A plan executed in this process: its result, every task's timing, each stage's wall time, and stage outputs
/// (every stage's when asked for, otherwise only the last one's). <see cref="StagesRun"/> counts the stages done (fewer
/// than the plan's when it stopped early, <see cref="Plans.WorkloadPlan.IsComplete"/>; for a whole-job chain, the
/// stages its output stands for), and <see cref="WorkUnits"/>/<see cref="SpanUnits"/> are the units they hold.
/// </summary>
public sealed record LocalPlanRun(
    JsonObject Result,
    IReadOnlyList<IReadOnlyList<byte[]>> StageOutputs,
    IReadOnlyList<TaskTiming> Timings,
    IReadOnlyList<double> StageWallSeconds,
    int StagesRun,
    long WorkUnits,
    long SpanUnits,
    bool RanWholeChain = false);
