namespace SerialCluster.Analysis.Span;

/// <summary>
/// A power law y = c·x^k fitted as a straight line ln y = ln c + k·ln x by ordinary least squares: the slope k with its
/// standard error (NaN with two points), and the points it used (those with x, y &gt; 0).
/// </summary>
public sealed record LogLogSlope(double Slope, double SlopeStdErr, double Intercept, int Points)
{
    /// <summary>Null unless two distinct positive x carry a positive y.</summary>
    public static LogLogSlope? Fit(IReadOnlyList<(double X, double Y)> points)
    {
        var usable = points.Where(p => p.X > 0 && p.Y > 0 && double.IsFinite(p.X) && double.IsFinite(p.Y))
            .Select(p => (X: Math.Log(p.X), Y: Math.Log(p.Y))).ToArray();
        if (usable.Select(p => p.X).Distinct().Count() < 2)
        {
            return null;
        }

        var meanX = usable.Average(p => p.X);
        var meanY = usable.Average(p => p.Y);
        var sxx = usable.Sum(p => (p.X - meanX) * (p.X - meanX));
        var slope = usable.Sum(p => (p.X - meanX) * (p.Y - meanY)) / sxx;
        var intercept = meanY - (slope * meanX);
        var residual = usable.Sum(p => Math.Pow(p.Y - (intercept + (slope * p.X)), 2));
        var error = usable.Length > 2 ? Math.Sqrt(residual / (usable.Length - 2) / sxx) : double.NaN;
        return new LogLogSlope(slope, error, intercept, usable.Length);
    }
}
