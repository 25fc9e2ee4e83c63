namespace SerialCluster.Analysis.Span;

/// <summary>
/// How the critical path grows with the input: the slopes of ln(span) against ln(size), in the plan's units and in
/// measured seconds, by least squares with standard errors. Slope ≈ 1: span grows with the input — a chain no number
/// of processors shortens (P-complete problems as run: Rule 110, a circuit's depth, a hash chain). Slope ≈ 0: span
/// grows like a logarithm or not at all — the input's length is not its depth (Rule 90's doubling jump, an S5 tree):
/// the P against NC distinction made visible on measured runs.
/// </summary>
public sealed record SpanScaling(IReadOnlyList<SpanPoint> Points, LogLogSlope? UnitsSlope, LogLogSlope? SecondsSlope, LogLogSlope? WorkSlope)
{
    /// <summary>Below this slope the span counts as (near) logarithmic in the size.</summary>
    public const double LogarithmicBelow = 0.25;

    /// <summary>Above this slope the span counts as growing with the size: a chain.</summary>
    public const double LinearAbove = 0.75;

    public static SpanScaling Fit(IReadOnlyList<SpanPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        return new SpanScaling(
            points,
            LogLogSlope.Fit([.. points.Select(p => (p.Size, (double)p.SpanUnits))]),
            LogLogSlope.Fit([.. points.Select(p => (p.Size, p.SpanSeconds))]),
            LogLogSlope.Fit([.. points.Select(p => (p.Size, (double)p.WorkUnits))]));
    }

    /// <summary>What the slope in units says, in words.</summary>
    public string Reading => UnitsSlope is not { } slope
        ? "needs two sizes with positive span to fit a slope"
        : slope.Slope >= LinearAbove
            ? $"span grows with the input (slope {slope.Slope:F2}): a chain — more processors cannot shorten it, only a faster core"
            : slope.Slope <= LogarithmicBelow
                ? $"span barely grows with the input (slope {slope.Slope:F2}): logarithmic depth — enough processors make it fast"
                : $"span grows sub-linearly (slope {slope.Slope:F2})";
}
