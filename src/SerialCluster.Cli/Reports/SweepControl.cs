namespace SerialCluster.Cli.Reports;

/// <summary>
/// The capacity control a sweep ran beside its jobs: 4·P independent tasks of <see cref="ChunkSteps"/> SHA-256 steps each
/// (the amdahl workload's chunk kernel with no serial chain), sized so one core's 4 tasks take about <see cref="TaskSeconds"/>,
/// at every swept P within the cores, in every repeat round right after the job at that P.
/// </summary>
public sealed record SweepControl(long ChunkSteps, double TaskSeconds, IReadOnlyList<SweepControlRun> Runs)
{
    public const string Kernel = "amdahl chunks (SHA-256 chain, serialSteps=0): 4·P tasks at parallelism P";
}
