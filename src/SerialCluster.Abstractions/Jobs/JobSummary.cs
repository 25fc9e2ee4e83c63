namespace SerialCluster.Abstractions.Jobs;

/// <summary>One line of the cluster's job list: what ran, its state, when it was accepted and when it ended.</summary>
[GenerateSerializer]
[Immutable]
[Alias("SerialCluster.JobSummary")]
public sealed record JobSummary(
    [property: Id(0)] string JobId,
    [property: Id(1)] string Workload,
    [property: Id(2)] JobMode Mode,
    [property: Id(3)] JobState State,
    [property: Id(4)] DateTimeOffset SubmittedAt,
    [property: Id(5)] DateTimeOffset? FinishedAt,
    [property: Id(6)] string? Error);
