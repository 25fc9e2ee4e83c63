using System.Text.Json.Nodes;

namespace SerialCluster.Kernels.Execution;

/// <summary>
/// A plan executed in this process: its result, every task's timing, each stage's wall time, and stage outputs
/// (every stage's when asked for, otherwise only the last one's).
/// </summary>
public sealed record LocalPlanRun(
    JsonObject Result,
    IReadOnlyList<IReadOnlyList<byte[]>> StageOutputs,
    IReadOnlyList<TaskTiming> Timings,
    IReadOnlyList<double> StageWallSeconds,
    bool RanWholeChain = false);
