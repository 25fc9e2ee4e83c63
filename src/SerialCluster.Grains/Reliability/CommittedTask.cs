namespace SerialCluster.Grains.Reliability;

/// <summary>One task's committed result in a job's stored progress: its output, compute seconds and the silo that ran it.</summary>
[GenerateSerializer]
[Alias("SerialCluster.CommittedTask")]
public sealed class CommittedTask
{
    [Id(0)]
    public int Task { get; set; }

    [Id(1)]
    public byte[] Output { get; set; } = [];

    [Id(2)]
    public double Seconds { get; set; }

    [Id(3)]
    public string Silo { get; set; } = string.Empty;
}
