namespace SerialCluster.CostModel.Measured;

/// <summary>
/// What the recent runs of one run plan under one plan signature measured: how many (at most
/// <see cref="MeasuredRuns.RunsPerPlan"/>), the median of measured ÷ raw prediction (the residual correction), the median
/// measured seconds, and <see cref="Spread"/>: 1.4826 × the median absolute deviation of ln(measured seconds), 0 for one.
/// </summary>
public sealed record MeasuredPlan(int Runs, double Ratio, double MeasuredSeconds, double Spread = 0)
{
    /// <summary>
    /// The standard error of ln(<see cref="MeasuredSeconds"/>): the median of n runs with robust deviation σ errs by
    /// about 1.2533 σ / √n (the asymptotic efficiency of the median against the mean, √(π/2)).
    /// </summary>
    public double LogStandardError => Runs > 0 && double.IsFinite(Spread) ? 1.2533 * Spread / Math.Sqrt(Runs) : double.PositiveInfinity;
}
