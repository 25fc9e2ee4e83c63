namespace SerialCluster.Cli.Bench;

/// <summary>How big each measurement is: the full run (numbers to quote) or the quick one (a smoke test of the command).</summary>
public sealed record BenchSizes(
    double ChainSeconds,
    int Repeats,
    int EfficiencyTasks,
    double TaskMilliseconds,
    int HopPings,
    double ParableSeconds,
    int ParableTasks,
    IReadOnlyList<int> ScaleTasks,
    int ConcurrentJobs,
    double ConcurrentJobSeconds)
{
    /// <summary>Empty tasks for target 7's peer (Dask takes milliseconds per task, so fewer than target 3's).</summary>
    public int PeerEmptyTasks { get; init; } = 2000;

    /// <summary>About two minutes of measuring on two idle cores.</summary>
    public static BenchSizes Full { get; } = new(
        ChainSeconds: 1.5,
        Repeats: 4,
        EfficiencyTasks: 10_000,
        TaskMilliseconds: 1.0,
        HopPings: 2000,
        ParableSeconds: 3.0,
        ParableTasks: 32,
        ScaleTasks: [10_000, 100_000, 1_000_000],
        ConcurrentJobs: 10,
        ConcurrentJobSeconds: 0.5);

    /// <summary>Every measurement at a tiny size: the command and its table, not the figures.</summary>
    public static BenchSizes Quick { get; } = new(
        ChainSeconds: 0.05,
        Repeats: 1,
        EfficiencyTasks: 200,
        TaskMilliseconds: 0.2,
        HopPings: 50,
        ParableSeconds: 0.1,
        ParableTasks: 8,
        ScaleTasks: [100, 1000],
        ConcurrentJobs: 3,
        ConcurrentJobSeconds: 0.02)
    {
        PeerEmptyTasks = 50,
    };
}
