using SerialCluster.CostModel.History;

namespace SerialCluster.CostModel.Costs;

/// <summary>
/// What running a job costs besides its compute, in seconds: a fixed cost per job in each mode, each parallel stage's
/// barrier, the dispatch round trip (once per wave of P tasks), a chain stage's start call, and moving task data through
/// the coordinator. A stage's cost at a wave count measured before is what was measured (pipelining bends it); elsewhere
/// the line, never below <see cref="MinWaves"/>: a split never run must not look cheaper than any stage seen.
/// </summary>
public sealed record DispatchCosts(
    double PinnedJobSeconds,
    double ScatterJobSeconds,
    double StageBarrierSeconds,
    double TaskDispatchSeconds,
    double ChainCallSeconds,
    double SecondsPerByte,
    double MinWaves = 0,
    IReadOnlyDictionary<int, double>? StageSecondsByWaves = null,
    double PinnedJobPerComputeSecond = 0,
    double ScatterJobPerComputeSecond = 0,
    double StagePerComputeSecond = 0,
    JobCostPoints? PinnedJobPoints = null,
    JobCostPoints? ScatterJobPoints = null)
{
    /// <summary>
    /// A parallel stage's overhead with <paramref name="makespan"/> seconds of compute: <see cref="StageSeconds(double)"/>
    /// plus <see cref="StagePerComputeSecond"/> per second of it (long stages' own spread, learned from them alone).
    /// </summary>
    public double StageSeconds(double waves, double makespan) => StageSeconds(waves) + (StagePerComputeSecond * makespan);

    /// <summary>A pinned job's cost beyond <paramref name="compute"/> seconds of compute (bent to recent jobs of about that size).</summary>
    public double PinnedJob(double compute) =>
        (PinnedJobSeconds + (PinnedJobPerComputeSecond * compute)) * (PinnedJobPoints?.Factor(compute) ?? 1);

    /// <summary>A scattered job's cost beyond its stages' overheads and <paramref name="compute"/> seconds of makespan (bent likewise).</summary>
    public double ScatterJob(double compute) =>
        (ScatterJobSeconds + (ScatterJobPerComputeSecond * compute)) * (ScatterJobPoints?.Factor(compute) ?? 1);

    /// <summary>
    /// A parallel stage's overhead beyond its compute and bytes: as measured at this many waves, else barrier + dispatch ·
    /// max(waves, <see cref="MinWaves"/>).
    /// </summary>
    public double StageSeconds(double waves) =>
        StageSecondsByWaves is not null
        && StageSecondsByWaves.TryGetValue((int)Math.Round(waves), out var measured)
        && Math.Abs(waves - Math.Round(waves)) < 1e-9
            ? measured
            : StageBarrierSeconds + (TaskDispatchSeconds * Math.Max(waves, MinWaves));

    /// <summary>
    /// Before any job has measured them: typical figures of the 3-process loopback cluster (scripts/grid-cluster.sh,
    /// docs/AUTO-GRID.md), rounded; the per-byte cost is a serialise-copy-deserialise
    /// guess, never learned. History replaces each as soon as a job has measured it.
    /// </summary>
    public static DispatchCosts Default { get; } = new(
        PinnedJobSeconds: 0.006,
        ScatterJobSeconds: 0.006,
        StageBarrierSeconds: 0.0005,
        TaskDispatchSeconds: 0.0002,
        ChainCallSeconds: 0.002,
        SecondsPerByte: 2e-9);
}
