using System.Text.Json.Nodes;

namespace SerialCluster.Kernels.Execution;

/// <summary>A plan executed in this process: its result, every task's timing and each stage's wall time.</summary>
public sealed record LocalPlanRun(
    JsonObject Result,
    IReadOnlyList<IReadOnlyList<byte[]>> StageOutputs,
    IReadOnlyList<TaskTiming> Timings,
    IReadOnlyList<double> StageWallSeconds,
    bool RanWholeChain = false);
