using System.Text.Json.Nodes;

namespace SerialCluster.Kernels.Execution;

/// <summary>A plan executed in this process: its result and every task's timing.</summary>
public sealed record LocalPlanRun(JsonObject Result, IReadOnlyList<IReadOnlyList<byte[]>> StageOutputs, IReadOnlyList<TaskTiming> Timings);
