namespace SerialCluster.Abstractions.Jobs;

/// <summary>
/// What to run: a workload, its parameters as text (validated again on the silo), the mode, and the cap on
/// tasks in flight across the cluster (0 = every core the cluster has). <see cref="DeadlineSeconds"/> (0 = none)
/// stops the job if it has not finished that long after it was accepted.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("SerialCluster.JobSpec")]
public sealed record JobSpec(
    [property: Id(0)] string Workload,
    [property: Id(1)] Dictionary<string, string> Parameters,
    [property: Id(2)] JobMode Mode,
    [property: Id(3)] int Parallelism,
    [property: Id(10)] double DeadlineSeconds = 0);
