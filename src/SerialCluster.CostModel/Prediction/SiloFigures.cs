using SerialCluster.CostModel.Cores;

namespace SerialCluster.CostModel.Prediction;

/// <summary>
/// One silo as the cost model sees it: single-thread score, per-core score with every core busy (all-core ÷ usable cores), cores
/// (<see cref="UsableCores"/>: calibrated, fractional under a quota), running work, what its role takes, cores other programs
/// keep busy on its host (<see cref="ForeignLoad"/>); scores relative to the unit costs' reference. <see cref="Machine"/> is the
/// host; with <see cref="CpuSet"/> and <see cref="Process"/> (null: one per host) it says who shares cores (<see cref="SharedCores"/>).
/// </summary>
public sealed record SiloFigures(
    string Name,
    string Machine,
    double SingleThreadScore,
    double ConcurrentScore,
    int Cores,
    int RunningTasks,
    int RunningChains,
    bool TakesChains,
    bool TakesTasks,
    double ForeignBusyCores = 0,
    string? CpuSet = null,
    string? Process = null,
    double? UsableCores = null)
{
    /// <summary>This silo's claim on its host's CPUs.</summary>
    public CoreClaim Claim => new(Machine, Process ?? Machine, CpuSet, UsableCores is > 0 and var usable ? usable : Cores);
}
