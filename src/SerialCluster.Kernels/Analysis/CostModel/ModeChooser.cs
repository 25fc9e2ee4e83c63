namespace SerialCluster.Kernels.Analysis.CostModel;

/// <summary>
/// <c>auto</c> mode's decision: predict pinned, scatter and (for eca, nbody, mdp, cvp) scatter over coarser variants
/// of the plan, and pick the fastest. Scatter must beat pinned by <see cref="ScatterMargin"/>: the predictions err by
/// 10–20% where they extrapolate (a split never run before), the fastest of several such predictions is the likeliest
/// to be too low, and a wrong scatter costs far more than a pinned run a few percent slower (pinned also holds one
/// core, not all). Choosing pinned within the margin costs at most the margin when the predictions are right. And a plan with no parallel stage is always pinned: scattering it runs the
/// same chain on the same silo with one more call, so a faster scatter prediction there is only noise. When the unit costs are only lower bounds (the probe could
/// not finish one task within its budget) the times are not comparable, and the plan's own bound decides instead:
/// pinned when P cores could speed it up by less than <see cref="ScalingVerdict.SerialBound"/>, else the fastest
/// scatter form.
/// </summary>
public static class ModeChooser
{
    /// <summary>The share by which a scatter form must be predicted faster than pinned to be chosen.</summary>
    public const double ScatterMargin = 0.05;

    public static CostDecision Decide(Plans.WorkloadPlan plan, IReadOnlyList<SiloFigures> silos, int parallelism, UnitCosts costs, DispatchCosts dispatch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        var inputs = new CostInputs(PlanShapes.Of(plan), silos, parallelism, costs, dispatch);
        var predictions = new List<ModePrediction> { CostPredictor.Pinned(inputs), CostPredictor.Scatter(inputs) };
        var slots = Math.Max(1, Math.Min(parallelism, CostPredictor.ParallelSlots(silos)));
        foreach (var (changes, shape) in PlanShapes.Candidates(plan, slots))
        {
            predictions.Add(CostPredictor.Scatter(inputs with { Shape = shape }, changes));
        }

        var fastestScatter = predictions.Skip(1).MinBy(p => p.Seconds)!;
        if (costs.Source == UnitCostSource.LowerBound)
        {
            var bound = SpeedupBounds.PlanBound(plan.Stages, slots);
            return bound < ScalingVerdict.SerialBound
                ? new CostDecision(predictions, predictions[0], $"no measured cost yet; the plan allows {bound:F2}× on {slots} cores, so pinned")
                : new CostDecision(predictions, fastestScatter, $"no measured cost yet; the plan allows {bound:F2}× on {slots} cores, so scatter");
        }

        if (plan.Stages.All(s => s.Kind == Plans.StageKind.Chain))
        {
            return new CostDecision(predictions, predictions[0], "a chain: scatter would run the same chain with one more call");
        }

        var choice = fastestScatter.Seconds < predictions[0].Seconds * (1 - ScatterMargin) ? fastestScatter : predictions[0];
        return new CostDecision(predictions, choice, $"fastest predicted ({costs.Source.ToString().ToLowerInvariant()} costs)");
    }
}
