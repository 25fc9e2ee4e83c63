namespace SerialCluster.Grains.Ladder;

/// <summary>A ladder chain's state as the storage rung writes it to the job storage and reads it back.</summary>
[GenerateSerializer]
[Alias("SerialCluster.LadderSnapshot")]
public sealed class LadderSnapshot
{
    [Id(0)]
    public byte[] State { get; set; } = [];

    [Id(1)]
    public long Steps { get; set; }
}
