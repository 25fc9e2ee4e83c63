using SerialCluster.Abstractions.Calibration;

namespace SerialCluster.Abstractions.Execution;

/// <summary>
/// What a silo offers, as the coordinator reads it per job: name, machine (the name it shows: a container's own),
/// cores, role, calibration (null until measured), running chains and tasks, hop latencies, CPU load (null: unmeasured).
/// <see cref="Host"/> (the kernel, shared by its containers), <see cref="CpuSet"/> ("0-1") and <see cref="ProcessId"/>
/// say which silos share CPUs and quotas, so shared CPUs count once (not <see cref="CoresDeclared"/>: configured, its own).
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
    [property: Id(8)] CpuLoad? Load = null,
    [property: Id(9)] string? Host = null,
    [property: Id(10)] string? CpuSet = null,
    [property: Id(11)] int ProcessId = 0,
    [property: Id(12)] bool CoresDeclared = false);
