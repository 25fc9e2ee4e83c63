namespace SerialCluster.Abstractions.GrainInterfaces;

/// <summary>
/// Sets a workload's last-job gauges (<c>serialcluster_last_job_*</c>) on the silo where it runs, for results that
/// no single job's coordinator measured — a sweep's fitted figures. Jobs set the same gauges themselves when they
/// complete. Any string key works; callers use the workload's name.
/// </summary>
[Alias("SerialCluster.ITelemetryGrain")]
public interface ITelemetryGrain : IGrainWithStringKey
{
    /// <summary>
    /// Publishes a sweep's figures for <paramref name="workload"/> (a catalog workload name; an unknown one is refused
    /// with <see cref="ArgumentException"/>): speedup (the best measured), parallelism (work / span), serial fraction
    /// (e.g. Amdahl's fitted f) and bound (the most speedup the plan allows). NaN is allowed for a figure not known.
    /// Returns the name of the silo that now exports them.
    /// </summary>
    [Alias("PublishSweep")]
    Task<string> PublishSweepAsync(string workload, double speedup, double parallelism, double serialFraction, double bound);

    /// <summary>
    /// As <see cref="PublishSweepAsync(string, double, double, double, double)"/>, and the serial fraction fitted against
    /// the capacity the busy cores measurably delivered (a sweep with its capacity control; NaN when not measured).
    /// </summary>
    [Alias("PublishSweepOnMeasuredCores")]
    Task<string> PublishSweepAsync(
        string workload, double speedup, double parallelism, double serialFraction, double bound, double serialFractionOnMeasuredCores);
}
