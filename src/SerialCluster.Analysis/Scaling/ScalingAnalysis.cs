using SerialCluster.Analysis.Statistics;

namespace SerialCluster.Analysis.Scaling;

/// <summary>
/// Everything a sweep concludes from its runs: per-P medians, speedups, Karp–Flatt, the Amdahl/Gustafson/USL fits,
/// work–span bounds and, with a capacity control, Amdahl on the measured cores (docs/ANALYSIS.md has each model).
/// Speedups divide <see cref="BaselineSeconds"/>: T_serial when a serial baseline was measured (absolute), else the mode's
/// median at P = 1 (relative). Amdahl and Gustafson see only P ≤ cores: saturation says nothing about a serial fraction.
/// </summary>
public sealed record ScalingAnalysis(
    int Cores,
    IReadOnlyList<ScalingPoint> Points,
    AmdahlFit? Amdahl,
    GustafsonFit? Gustafson,
    UslFit? Usl,
    WorkSpan? WorkSpan,
    IReadOnlyList<BoundPoint> Bounds,
    IReadOnlyList<CoreCapacity>? Capacity = null,
    CapacityAmdahlFit? AmdahlOnMeasuredCores = null,
    PairedAmdahlFit? AmdahlPaired = null,
    SerialBaseline? Serial = null,
    AmdahlFit? AmdahlRelative = null)
{
    /// <summary>T_serial when measured, else the swept mode's median at P = 1: what every speedup here divides.</summary>
    public double BaselineSeconds { get; init; } = double.NaN;

    /// <summary>What <see cref="Cores"/> counts, plural: "cores", or "silos" on a cluster of slow silos under equal CPU quotas.</summary>
    public string Noun { get; init; } = "cores";

    /// <summary>True when speedups are against the best serial run (absolute), false when against the mode's own P = 1.</summary>
    public bool IsAbsolute => Serial is not null;

    /// <summary>Which baseline the speedups, efficiencies and fits use, in words.</summary>
    public string BaselineLabel => Serial is { } serial
        ? $"absolute: against the best serial run ({serial.Label}, T_serial = {BaselineSeconds:0.000} s)"
        : "relative: against this mode's own median at P = 1 (no serial baseline was measured)";

    /// <summary>The largest absolute speedup measured at P within the cores; NaN without a serial baseline.</summary>
    public double BestAbsoluteSpeedup => IsAbsolute && Points.Any(p => !p.Saturated && p.P > 1)
        ? Points.Where(p => !p.Saturated && p.P > 1).Max(p => p.Speedup)
        : double.NaN;

    public bool AnySaturated => Points.Any(p => p.Saturated);

    /// <summary>
    /// The serial fraction on measured cores to quote: the round-by-round fit when it was made (it cancels a machine
    /// that changed speed between rounds), else the median-based one; NaN without a capacity control.
    /// </summary>
    public double CapacityAdjustedSerialFraction =>
        AmdahlPaired?.SerialFraction.Value ?? AmdahlOnMeasuredCores?.SerialFraction.Value ?? double.NaN;

    /// <summary>The measured capacity at P; null where the control did not run at P.</summary>
    public CoreCapacity? CapacityAt(int p) => Capacity?.FirstOrDefault(c => c.P == p);

    /// <summary>
    /// Analyses runs that include P = 1; <paramref name="cores"/> is what the machine (or cluster) really has;
    /// <paramref name="controls"/> are the capacity control's runs (null or empty: none measured).
    /// </summary>
    public static ScalingAnalysis Analyze(
        IReadOnlyList<Observation> runs, int cores, WorkSpan? workSpan, IReadOnlyList<ControlRun>? controls = null, SerialBaseline? serial = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cores, 1);
        if (!runs.Any(r => r.P == 1))
        {
            throw new ArgumentException("A scaling analysis needs runs at P = 1 (speedup is measured against them).", nameof(runs));
        }

        if (serial is { Runs.Count: 0 })
        {
            throw new ArgumentException("A serial baseline needs at least one run.", nameof(serial));
        }

        var t1 = SampleStatistics.Median(runs.Where(r => r.P == 1).Select(r => r.Seconds));
        var baseline = serial?.MedianSeconds ?? t1;
        var points = runs
            .GroupBy(r => r.P)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var median = SampleStatistics.Median(g.Select(r => r.Seconds));
                var speedup = baseline / median;
                return new ScalingPoint(
                    g.Key,
                    g.Count(),
                    median,
                    g.Min(r => r.Seconds),
                    g.Max(r => r.Seconds),
                    (g.Max(r => r.Seconds) - g.Min(r => r.Seconds)) / median,
                    speedup,
                    speedup / g.Key,
                    KarpFlatt(speedup, g.Key),
                    g.Key > cores,
                    t1 / median);
            })
            .ToList();
        var unsaturated = runs.Where(r => r.P <= cores).ToList();
        // Bounds are for processors, and P tasks in flight on fewer cores get only the cores.
        var bounds = workSpan is null
            ? []
            : points.Select(p => Math.Min(p.P, cores)).Zip(points, (processors, p) => new BoundPoint(
                p.P,
                workSpan.LowerBound(processors),
                workSpan.Brent(processors),
                workSpan.Burdened(processors),
                baseline / workSpan.LowerBound(processors),
                baseline / workSpan.Brent(processors),
                baseline / workSpan.Burdened(processors))).ToList();
        // The sweep runs its control only at P ≤ cores; the fit, like the plain one, takes only the unsaturated runs.
        var capacity = controls is { Count: > 0 } ? CoreCapacity.From(controls) : null;
        var relative = AmdahlFit.Fit(unsaturated);
        return new ScalingAnalysis(
            cores,
            points,
            serial is null ? relative : AmdahlFit.FitAgainst(unsaturated, baseline),
            GustafsonFit.Fit([.. points.Where(p => !p.Saturated).Select(p => (p.P, p.Speedup))]),
            UslFit.Fit(runs),
            workSpan,
            bounds,
            capacity,
            capacity is null ? null : CapacityAmdahlFit.Fit(unsaturated, capacity, serial is null ? null : baseline),
            capacity is null ? null : PairedAmdahlFit.Fit(unsaturated, controls!, capacity, serial?.Runs),
            serial,
            serial is null ? null : relative)
        {
            BaselineSeconds = baseline,
        };
    }

    /// <summary>
    /// Karp–Flatt experimentally determined serial fraction e = (1/S − 1/P)/(1 − 1/P); NaN at P = 1. Against an absolute
    /// speedup it exceeds 1 when the parallel run is slower than the serial one.
    /// </summary>
    public static double KarpFlatt(double speedup, int p) =>
        p <= 1 ? double.NaN : ((1.0 / speedup) - (1.0 / p)) / (1.0 - (1.0 / p));
}
