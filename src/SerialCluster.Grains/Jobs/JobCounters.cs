namespace SerialCluster.Grains.Jobs;

/// <summary>A job's reliability counters, stored with its progress (so they count exactly what was stored).</summary>
[GenerateSerializer]
[Alias("SerialCluster.JobCounters")]
public sealed class JobCounters
{
    [Id(0)]
    public int CoordinatorRuns { get; set; }

    [Id(1)]
    public int TasksRetried { get; set; }

    [Id(2)]
    public int DuplicatesDiscarded { get; set; }

    [Id(3)]
    public long TasksCommitted { get; set; }

    [Id(4)]
    public int ChainRestarts { get; set; }

    [Id(5)]
    public int Checkpoints { get; set; }

    [Id(6)]
    public double CheckpointSeconds { get; set; }

    [Id(7)]
    public double ChainComputeSeconds { get; set; }

    [Id(8)]
    public List<long> ResumedFromSteps { get; set; } = [];

    [Id(9)]
    public long CheckpointSteps { get; set; }
}
