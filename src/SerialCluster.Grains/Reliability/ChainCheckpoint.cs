namespace SerialCluster.Grains.Reliability;

/// <summary>
/// A chain's saved state in <c>jobs</c> storage, keyed by job and stage (not by silo, so a run on any silo finds
/// it): the steps done, the chain's own state bytes, and which run wrote it last.
/// </summary>
[GenerateSerializer]
[Alias("SerialCluster.ChainCheckpoint")]
public sealed class ChainCheckpoint
{
    [Id(0)]
    public long Steps { get; set; }

    [Id(1)]
    public long TotalSteps { get; set; }

    [Id(2)]
    public byte[]? State { get; set; }

    /// <summary>The run that holds the chain: a newer run claims it by writing, which changes the ETag.</summary>
    [Id(3)]
    public string Owner { get; set; } = string.Empty;

    [Id(4)]
    public DateTimeOffset WrittenAt { get; set; }

    /// <summary>The step each run after the first resumed from (0 when it found no saved state), in order.</summary>
    [Id(5)]
    public List<long> Resumes { get; set; } = [];
}
