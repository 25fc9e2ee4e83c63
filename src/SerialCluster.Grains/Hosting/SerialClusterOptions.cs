using SerialCluster.Abstractions.Calibration;

namespace SerialCluster.Grains.Hosting;

/// <summary>
/// Per-silo behaviour of SerialCluster's grains and services (configuration section <c>SerialCluster:Silo</c>,
/// read by SerialCluster.Hosting for deployed and embedded silos; set directly for test silos).
/// </summary>
public sealed class SerialClusterOptions
{
    public static readonly TimeSpan DefaultCalibrationInterval = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan DefaultCalibrationDuration = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan DefaultHopProbeInterval = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan DefaultCalibrationCacheLifetime = TimeSpan.FromHours(1);

    /// <summary>What this silo may run.</summary>
    public SiloRole Role { get; set; } = SiloRole.Any;

    /// <summary>How often to re-measure (0 = only at start).</summary>
    public TimeSpan CalibrationInterval { get; set; } = DefaultCalibrationInterval;

    /// <summary>How long the single-thread measurement runs (at least 200 ms).</summary>
    public TimeSpan CalibrationDuration { get; set; } = DefaultCalibrationDuration;

    /// <summary>How often to probe round trips to every peer (0 = never).</summary>
    public TimeSpan HopProbeInterval { get; set; } = DefaultHopProbeInterval;

    /// <summary>
    /// Replace the measured single-thread score with this value (tests, and operators who know better).
    /// Null measures.
    /// </summary>
    public double? SingleThreadScoreOverride { get; set; }

    /// <summary>
    /// Replace the measured usable cores with this value (tests of core-weighted spreading, and operators who
    /// reserve cores for something else). Null measures.
    /// </summary>
    public double? UsableCoresOverride { get; set; }

    /// <summary>
    /// False: this silo neither measures nor publishes a calibration (not even the overrides), so placement
    /// treats it as uncalibrated. For tests of the fallback.
    /// </summary>
    public bool CalibrationEnabled { get; set; } = true;

    /// <summary>
    /// Where silo processes of one host take turns to calibrate (a lock file); null = the temp directory. Containers
    /// each have their own /tmp, so on a Docker host this names a volume they share (docker-compose.yml).
    /// </summary>
    public string? CalibrationLockDirectory { get; set; }

    /// <summary>
    /// Where this machine's recent calibrations are kept (<see cref="Calibration.CalibrationCache"/>); null keeps none and
    /// measures at every start. The CLI's embedded and local clusters use the user's state directory.
    /// </summary>
    public string? CalibrationCacheDirectory { get; set; }

    /// <summary>How long a kept calibration stands in for a measurement at start.</summary>
    public TimeSpan CalibrationCacheLifetime { get; set; } = DefaultCalibrationCacheLifetime;

    /// <summary>Let <see cref="SiloRole.Serial"/> silos take parallel tasks when a job's P exceeds the other silos' cores.</summary>
    public bool SerialSilosTakeOverflow { get; set; } = true;

    /// <summary>
    /// Dispatch a wide stage (at least <see cref="Execution.BatchedStageDispatcher.MinimumTasks"/> independent tasks) in
    /// batches of consecutive tasks per worker call, sized from the measured task cost, instead of one call per task.
    /// </summary>
    public bool BatchWideStages { get; set; } = true;

    /// <summary>Reliability: checkpoints, retries, job keeping and retention (see docs/RELIABILITY.md).</summary>
    public ReliabilityOptions Reliability { get; set; } = new();
}
