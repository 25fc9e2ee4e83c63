using SerialCluster.Abstractions.Calibration;

namespace SerialCluster.Abstractions.Execution;

/// <summary>
/// What a silo offers, as the coordinator reads it at the start of each job: name, machine, cores, role, its
/// latest calibration (null until the first measurement finishes), the chains and tasks it is running now,
/// its recent hop latencies to peers, and its recent CPU load (null where it cannot be measured).
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("SerialCluster.SiloCapacity")]
public sealed record SiloCapacity(
    [property: Id(0)] string Silo,
    [property: Id(1)] string Machine,
    [property: Id(2)] int Cores,
    [property: Id(3)] SiloRole Role,
    [property: Id(4)] SiloCalibration? Calibration,
    [property: Id(5)] int RunningChains,
    [property: Id(6)] int RunningTasks,
    [property: Id(7)] List<HopLatency> Hops,
    [property: Id(8)] CpuLoad? Load = null);
