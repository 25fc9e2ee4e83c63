namespace SerialCluster.Analysis.Scaling;

/// <summary>
/// Gustafson's law S(P) = P − α(P − 1): α is the serial share of the time of the run on P processors (the scaled
/// serial fraction). Fitted by least squares through the origin (closed form α = Σxy/Σx²) of y = P − S against x = P − 1 over runs with P &gt; 1.
/// For a fixed-size job α grows with P (the parallel part shrinks); for a job whose parallel part grows with P it is
/// constant, and <see cref="ScaledSpeedup"/> says what such a scaled job would gain.
/// </summary>
public sealed record GustafsonFit(FittedParameter SerialFraction, int Points)
{
    /// <summary>
    /// α below 0: the runs beat linear speedup, which no serial share explains (a slowed baseline or scatter), so α is
    /// flagged rather than read as a finding.
    /// </summary>
    public bool IsNegative => SerialFraction.Value < 0;

    public double ScaledSpeedup(double p) => p - (SerialFraction.Value * (p - 1));

    /// <summary>Fits α from (P, speedup) pairs; null without a point above P = 1.</summary>
    public static GustafsonFit? Fit(IReadOnlyList<(int P, double Speedup)> points)
    {
        var usable = points.Where(p => p.P > 1 && double.IsFinite(p.Speedup)).ToArray();
        if (usable.Length == 0)
        {
            return null;
        }

        var x = usable.Select(p => p.P - 1.0).ToArray();
        var y = usable.Select(p => p.P - p.Speedup).ToArray();
        var alpha = x.Zip(y, (xi, yi) => xi * yi).Sum() / x.Sum(xi => xi * xi);
        var rss = x.Zip(y, (xi, yi) => Math.Pow(yi - (alpha * xi), 2)).Sum();
        var error = usable.Length > 1 ? Math.Sqrt(rss / (usable.Length - 1) / x.Sum(xi => xi * xi)) : double.NaN;
        return new GustafsonFit(new FittedParameter(alpha, error), usable.Length);
    }
}
