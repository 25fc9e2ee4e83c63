using SerialCluster.Abstractions.Jobs;

namespace SerialCluster.Grains.Jobs;

/// <summary>
/// What a job keeps in <c>jobs</c> storage (Redis in a clustered deployment): its spec and state, and once it
/// has finished, its result and profile. Written when it is accepted and when it finishes; progress between
/// those lives only in the coordinator's memory.
/// </summary>
[GenerateSerializer]
[Alias("SerialCluster.JobRecord")]
public sealed class JobRecord
{
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
}
