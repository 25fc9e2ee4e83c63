namespace SerialCluster.Abstractions.Calibration;

/// <summary>
/// What a silo measured about its own hardware, in steps per second of the fixed calibration kernel
/// (<c>SerialCluster.Workloads.Calibration</c>): single-thread is one thread alone, all-core every usable core at once.
/// Usable cores = min(processor count, cgroup CPU quota). <see cref="Cached"/>: measured at <see cref="MeasuredAt"/> on
/// this machine with the same CPUs and quota, and taken from its calibration cache at start instead of measured again.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("SerialCluster.SiloCalibration")]
public sealed record SiloCalibration(
    [property: Id(0)] double SingleThreadScore,
    [property: Id(1)] double AllCoreScore,
    [property: Id(2)] int ProcessorCount,
    [property: Id(3)] double UsableCores,
    [property: Id(4)] string CpuModel,
    [property: Id(5)] double ClockMHz,
    [property: Id(6)] DateTimeOffset MeasuredAt,
    [property: Id(7)] double MeasurementSeconds,
    [property: Id(8)] bool Overridden,
    [property: Id(9)] bool Cached = false);
