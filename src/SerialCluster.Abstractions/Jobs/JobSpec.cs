namespace SerialCluster.Abstractions.Jobs;

/// <summary>
/// What to run: a workload, its parameters as text (checked again on the silo), the mode, the cap on tasks in flight (0 =
/// every core), <see cref="DeadlineSeconds"/> (0 = none: else stopped if unfinished that long after acceptance).
/// <see cref="WarmUp"/>: a tiny job a cluster runs at start so its users' first job does not pay for the job path's first
/// use; it counts in no job metric and teaches the cost model nothing (a first run's times would mislead it).
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("SerialCluster.JobSpec")]
public sealed record JobSpec(
    [property: Id(0)] string Workload,
    [property: Id(1)] Dictionary<string, string> Parameters,
    [property: Id(2)] JobMode Mode,
    [property: Id(3)] int Parallelism,
    [property: Id(10)] double DeadlineSeconds = 0,
    [property: Id(11)] bool WarmUp = false);
