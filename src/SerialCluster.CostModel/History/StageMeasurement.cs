using SerialCluster.Workloads.Plans;

namespace SerialCluster.CostModel.History;

/// <summary>
/// One stage as a job measured it: its kind, tasks, wall time (barrier to barrier), summed and largest task seconds,
/// and when it started, in seconds since the job started (null: not recorded).
/// </summary>
public readonly record struct StageMeasurement(
    StageKind Kind, int Tasks, double WallSeconds, double WorkSeconds, double SpanSeconds, double? StartSeconds = null);
