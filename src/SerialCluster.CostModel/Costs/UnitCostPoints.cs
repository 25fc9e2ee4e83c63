namespace SerialCluster.CostModel.Costs;

/// <summary>
/// Where a <see cref="UnitCostLine"/> runs off its recent measured points (units per step, steps per task, ln of
/// measured ÷ line), because cost per unit is no straight line across decades of size (cache levels) and a task's fixed
/// cost is spread over its steps. Near a shape measured before: the line times the points' mean ratio there (Gaussian
/// kernels in both), shrunk towards the line by <see cref="PriorWeight"/>; far from every point, the line.
/// </summary>
public sealed record UnitCostPoints(IReadOnlyList<double> UnitsPerStep, IReadOnlyList<double> StepsPerTask, IReadOnlyList<double> LogRatios)
{
    /// <summary>How many recent points a history keeps for each line.</summary>
    public const int Capacity = 64;

    /// <summary>
    /// The kernel's width in ln units per step: a point at 1.4× the size counts 0.6, at 2× 0.14, at 4× nothing (and a
    /// variant that halves a task's size reads only its own points, not its parent plan's).
    /// </summary>
    public const double Bandwidth = 0.35;

    /// <summary>The kernel's width in ln steps per task: a point of 2× the steps per task counts 0.6, of 10× nothing.</summary>
    public const double StepsBandwidth = 0.7;

    /// <summary>The line's own weight against the points' (in points of the very shape asked).</summary>
    public const double PriorWeight = 0.5;

    /// <summary>A point more than this many times off the line counts as this many times off (one stray job cannot dominate).</summary>
    public const double ClipRatio = 3;

    /// <summary>
    /// The points as ratios to the line <paramref name="perStep"/> + <paramref name="perUnit"/> · x: ln(measured seconds
    /// per step ÷ the line's there).
    /// </summary>
    public static UnitCostPoints? Relative(
        IEnumerable<(double UnitsPerStep, double StepsPerTask, double SecondsPerStep)> points, double perStep, double perUnit)
    {
        var clip = Math.Log(ClipRatio);
        var kept = points
            .Where(p => p.UnitsPerStep > 0 && p.StepsPerTask > 0 && p.SecondsPerStep > 0 && perStep + (perUnit * p.UnitsPerStep) > 0)
            .Select(p => (p.UnitsPerStep, p.StepsPerTask, Log: Math.Clamp(Math.Log(p.SecondsPerStep / (perStep + (perUnit * p.UnitsPerStep))), -clip, clip)))
            .ToList();
        return kept.Count == 0
            ? null
            : new UnitCostPoints([.. kept.Select(p => p.UnitsPerStep)], [.. kept.Select(p => p.StepsPerTask)], [.. kept.Select(p => p.Log)]);
    }

    /// <summary>
    /// What the line's seconds per step are multiplied by for tasks of <paramref name="unitsPerStep"/> units per step and
    /// <paramref name="stepsPerTask"/> steps: 1 far from every point.
    /// </summary>
    public double Factor(double unitsPerStep, double stepsPerTask)
    {
        if (!(unitsPerStep > 0) || !(stepsPerTask > 0) || UnitsPerStep.Count == 0)
        {
            return 1;
        }

        var (size, length) = (Math.Log(unitsPerStep), Math.Log(stepsPerTask));
        double weights = 0, sum = 0;
        for (var i = 0; i < UnitsPerStep.Count; i++)
        {
            var a = (Math.Log(UnitsPerStep[i]) - size) / Bandwidth;
            var b = (Math.Log(StepsPerTask[i]) - length) / StepsBandwidth;
            var w = Math.Exp(-0.5 * ((a * a) + (b * b)));
            weights += w;
            sum += w * LogRatios[i];
        }

        return Math.Exp(sum / (weights + PriorWeight));
    }
}
