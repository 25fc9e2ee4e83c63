using SerialCluster.Abstractions.Jobs;

namespace SerialCluster.Grains.Jobs;

/// <summary>
/// What a job keeps in <c>jobs</c> storage (Redis in a clustered deployment): its spec and state, and once it
/// has finished, its result and profile. Written when it is accepted, as it commits progress (stage outputs, task
/// results by id), and when it finishes; every write carries the storage's ETag, so a stale coordinator's write is refused.
/// </summary>
[GenerateSerializer]
[Alias("SerialCluster.JobRecord")]
public sealed class JobRecord
{
    /// <summary>The record's state name in <c>jobs</c> storage (the job grain's persistent state).</summary>
    public const string StateName = "job";

    [Id(0)]
    public JobSpec? Spec { get; set; }

    [Id(1)]
    public JobState State { get; set; }

    [Id(2)]
    public long UnitsTotal { get; set; }

    [Id(3)]
    public string Unit { get; set; } = string.Empty;

    [Id(4)]
    public string? Error { get; set; }

    [Id(5)]
    public string? ResultJson { get; set; }

    [Id(6)]
    public JobProfile? Profile { get; set; }

    [Id(7)]
    public DateTimeOffset SubmittedAt { get; set; }

    [Id(8)]
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>What a coordinator that takes over needs to resume; null before the run decided its mode and after it finished.</summary>
    [Id(9)]
    public JobProgress? Progress { get; set; }

    /// <summary>When the job is stopped if it has not finished (null: no deadline).</summary>
    [Id(10)]
    public DateTimeOffset? Deadline { get; set; }

    [Id(11)]
    public JobCounters Counters { get; set; } = new();
}
