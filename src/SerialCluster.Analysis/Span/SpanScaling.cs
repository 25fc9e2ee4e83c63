namespace SerialCluster.Analysis.Span;

/// <summary>
/// How the critical path grows with the input: slopes of ln(span) against ln(size), in plan units and measured seconds.
/// Slope ≈ 1 is a chain no processor count shortens; ≈ 0 is logarithmic depth (docs/ANALYSIS.md, "Span against size").
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
