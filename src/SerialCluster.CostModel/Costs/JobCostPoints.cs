namespace SerialCluster.CostModel.Costs;

/// <summary>
/// Where a mode's fixed cost per job runs above or below what jobs of a similar size measured (the job's compute
/// seconds, ln of measured ÷ the line there), because that cost is not one straight line in the job's compute. Near a
/// size measured before, the fixed cost is the line times the mean ratio of the points there (a Gaussian kernel in ln
/// compute seconds), shrunk towards the line by <see cref="UnitCostPoints.PriorWeight"/>; far from every point, the line.
/// </summary>
public sealed record JobCostPoints(IReadOnlyList<double> ComputeSeconds, IReadOnlyList<double> LogRatios)
{
    /// <summary>How many recent jobs a history keeps for each mode's fixed cost.</summary>
    public const int Capacity = 64;

    /// <summary>The kernel's width in ln compute seconds: a job of 2× the compute counts 0.38, of 4× 0.02.</summary>
    public const double Bandwidth = 0.5;

    /// <summary>Compute below this counts as this (a job of no compute and one of 0.1 ms are the same size here).</summary>
    public const double MinimumCompute = 1e-4;

    /// <summary>
    /// The points as ratios to the line <paramref name="intercept"/> + <paramref name="slope"/> · compute, clipped at
    /// <see cref="UnitCostPoints.ClipRatio"/>.
    /// </summary>
    public static JobCostPoints? Relative(IEnumerable<(double Compute, double Seconds)> points, double intercept, double slope)
    {
        var clip = Math.Log(UnitCostPoints.ClipRatio);
        var kept = points
            .Where(p => p.Seconds > 0 && intercept + (slope * p.Compute) > 0)
            .Select(p => (Compute: Math.Max(MinimumCompute, p.Compute), Log: Math.Clamp(Math.Log(p.Seconds / (intercept + (slope * p.Compute))), -clip, clip)))
            .ToList();
        return kept.Count == 0 ? null : new JobCostPoints([.. kept.Select(p => p.Compute)], [.. kept.Select(p => p.Log)]);
    }

    /// <summary>What the line's fixed cost for a job of <paramref name="compute"/> seconds is multiplied by: 1 far from every point.</summary>
    public double Factor(double compute)
    {
        if (ComputeSeconds.Count == 0 || !double.IsFinite(compute))
        {
            return 1;
        }

        var at = Math.Log(Math.Max(MinimumCompute, compute));
        double weights = 0, sum = 0;
        for (var i = 0; i < ComputeSeconds.Count; i++)
        {
            var d = (Math.Log(ComputeSeconds[i]) - at) / Bandwidth;
            var w = Math.Exp(-0.5 * d * d);
            weights += w;
            sum += w * LogRatios[i];
        }

        return Math.Exp(sum / (weights + UnitCostPoints.PriorWeight));
    }
}
