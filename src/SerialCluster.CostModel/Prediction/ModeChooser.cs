using SerialCluster.Analysis.Scaling;
using SerialCluster.CostModel.Costs;
using SerialCluster.CostModel.Measured;
using SerialCluster.CostModel.Shapes;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.CostModel.Prediction;

/// <summary>
/// <c>auto</c> mode's decision over pinned, scatter and the plan's coarser variants (docs/COST-MODEL.md, "The chooser's
/// rule"). Scatter must beat pinned by <see cref="ScatterMargin"/>, because extrapolated predictions err and a wrong
/// scatter costs far more than the margin; a plan with no parallel stage is always pinned. With only lower-bound costs
/// the plan's own bound decides (<see cref="ScalingVerdict.SerialBound"/>). Measured beats modelled: see <see cref="Decide"/>.
/// </summary>
public static class ModeChooser
{
    /// <summary>The share by which a scatter form must be predicted faster than pinned to be chosen.</summary>
    public const double ScatterMargin = 0.05;

    /// <summary>
    /// How many runs a measured variant (a batched scatter) gets on its median alone: with fewer, its runs' noise is not
    /// known, and it must run to be known.
    /// </summary>
    public const int ExplorationRuns = 5;

    /// <summary>How many runs a plan needs before its runs' spread counts as an estimate of its noise.</summary>
    public const int MinimumRunsForNoise = 3;

    /// <summary>One-sided 95%: a variant beats the plain plan beyond the noise when it is this many standard errors faster.</summary>
    public const double SeparationZ = 1.645;

    /// <summary>
    /// Picks the mode for one job. Where run plans have run under its plan signature (<paramref name="measured"/>), each
    /// gets a corrected prediction (raw × its runs' median measured ÷ predicted) and measured beats modelled.
    /// <paramref name="shapes"/> keeps shapes between jobs (the silo's); without it they are computed afresh.
    /// </summary>
    public static CostDecision Decide(
        WorkloadPlan plan,
        IReadOnlyList<SiloFigures> silos,
        int parallelism,
        UnitCosts costs,
        DispatchCosts dispatch,
        IReadOnlyDictionary<string, MeasuredPlan>? measured = null,
        double margin = Corrections.DefaultMargin,
        PlanShapes? shapes = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        shapes ??= new PlanShapes();
        var inputs = new CostInputs(shapes.Of(plan), silos, parallelism, costs, dispatch);
        var predictions = new List<ModePrediction> { CostPredictor.Pinned(inputs), CostPredictor.Scatter(inputs) };
        var slots = Math.Max(1, Math.Min(parallelism, CostPredictor.ParallelSlots(silos)));
        foreach (var (changes, shape) in shapes.Candidates(plan, slots))
        {
            predictions.Add(CostPredictor.Scatter(inputs with { Shape = shape }, changes));
        }

        if (measured is { Count: > 0 })
        {
            predictions = [.. predictions.Select(p => Correct(p, measured))];
        }

        var fastestScatter = predictions.Skip(1).MinBy(p => p.Seconds)!;
        if (costs.Source == UnitCostSource.LowerBound)
        {
            var bound = plan.SpeedupBound(slots);
            return bound < ScalingVerdict.SerialBound
                ? new CostDecision(predictions, predictions[0], $"no measured cost yet; the plan allows {bound:F2}× on {slots} cores, so pinned")
                : new CostDecision(predictions, fastestScatter, $"no measured cost yet; the plan allows {bound:F2}× on {slots} cores, so scatter");
        }

        if (plan.Stages.All(s => s.Kind == StageKind.Chain))
        {
            return new CostDecision(predictions, predictions[0], "a chain: scatter would run the same chain with one more call");
        }

        if (!predictions.Any(p => p.MeasuredRuns > 0))
        {
            var choice = fastestScatter.Seconds < predictions[0].Seconds * (1 - ScatterMargin) ? fastestScatter : predictions[0];
            return new CostDecision(predictions, choice, $"fastest predicted ({costs.Source.ToString().ToLowerInvariant()} costs)");
        }

        return ByMeasurement(predictions, margin);
    }

    /// <summary>The prediction with its residual correction, when its run plan has measured runs under this signature.</summary>
    public static ModePrediction Correct(ModePrediction prediction, IReadOnlyDictionary<string, MeasuredPlan> measured) =>
        measured.TryGetValue(PlanRuns.Key(prediction), out var runs) && runs.Runs > 0 && double.IsFinite(runs.Ratio) && runs.Ratio > 0
            ? prediction with
            {
                CorrectedSeconds = prediction.Seconds * runs.Ratio,
                MeasuredRuns = runs.Runs,
                MeasuredSeconds = runs.MeasuredSeconds,
                MeasuredError = runs.LogStandardError,
            }
            : prediction;

    /// <summary>
    /// How much faster (in ln) <paramref name="variant"/>'s measured median must be than <paramref name="plain"/>'s to
    /// count as faster beyond the noise of their runs: <see cref="SeparationZ"/> standard errors of the difference of
    /// their medians. Zero when <paramref name="plain"/> has fewer than <see cref="MinimumRunsForNoise"/> runs (no
    /// estimate of its noise: the medians alone decide).
    /// </summary>
    public static double Separation(ModePrediction variant, ModePrediction plain) =>
        plain.MeasuredRuns < MinimumRunsForNoise || variant.MeasuredError is not { } v || plain.MeasuredError is not { } p
            ? 0
            : SeparationZ * Math.Sqrt((v * v) + (p * p));

    /// <summary>
    /// The choice when some candidates were measured, by their measured medians (like with like): pinned or plain
    /// scatter first, then a measured variant only while exploring or when faster beyond <see cref="Separation"/> (a tie
    /// goes to the plain plan), then a never-measured plan only when its raw prediction beats the choice's raw one by
    /// <paramref name="margin"/>: raw against raw, so the model's error on the choice applies to both.
    /// </summary>
    private static CostDecision ByMeasurement(List<ModePrediction> predictions, double margin)
    {
        var (pinned, scatter) = (predictions[0], predictions[1]);
        var plain = (pinned.MeasuredRuns > 0, scatter.MeasuredRuns > 0) switch
        {
            (true, true) => Median(scatter) < Median(pinned) * (1 - ScatterMargin) ? scatter : pinned,
            (true, false) => pinned,
            (false, true) => scatter,
            _ => null,
        };
        var variants = predictions.Skip(2).Where(p => p.MeasuredRuns > 0).OrderBy(Median).ToList();
        var (best, reason) = plain is null
            ? (variants[0], $"measured beats modelled: {Measured(variants[0])}")
            : (plain, $"measured beats modelled: {Measured(plain)}");
        if (plain is not null)
        {
            var bar = Median(plain) * (ReferenceEquals(plain, pinned) ? 1 - ScatterMargin : 1);
            foreach (var variant in variants.Where(v => Median(v) < bar))
            {
                if (variant.MeasuredRuns < ExplorationRuns)
                {
                    (best, reason) = (variant, $"trying {Measured(variant)}, below {PlanRuns.Key(plain)}'s {Median(plain):F4} s; "
                        + $"a variant gets {ExplorationRuns} runs before it must beat the plain plans beyond their noise");
                    break;
                }

                var needed = Separation(variant, plain);
                var gain = Math.Log(Median(plain) / Median(variant));
                if (gain > needed)
                {
                    (best, reason) = (variant, $"measured beats modelled: {Measured(variant)}, {Percent(gain)} below {PlanRuns.Key(plain)}'s "
                        + $"{Median(plain):F4} s (beyond the {Percent(needed)} their runs' noise allows)");
                    break;
                }

                reason += $"; {PlanRuns.Key(variant)} measured {Percent(gain)} faster, within the {Percent(needed)} its runs' noise allows: a tie, kept plain";
            }
        }

        var unmeasured = predictions.Where(p => p.MeasuredRuns == 0).MinBy(p => p.Seconds);
        if (unmeasured is not null && unmeasured.Seconds < best.Seconds * (1 - margin))
        {
            return new CostDecision(
                predictions, unmeasured,
                $"never run here, predicted {unmeasured.Seconds:F4} s: more than {margin * 100:F0}% below {PlanRuns.Key(best)}'s "
                + $"{best.Seconds:F4} s by the same model");
        }

        return new CostDecision(predictions, best, $"{reason}; unmeasured plans need {margin * 100:F0}% less");
    }

    /// <summary>A measured candidate's median measured seconds (<see cref="Correct"/> sets it with its runs).</summary>
    private static double Median(ModePrediction measured) => measured.MeasuredSeconds!.Value;

    private static string Measured(ModePrediction p) => $"{PlanRuns.Key(p)} measured {Median(p):F4} s (median of {p.MeasuredRuns} run(s))";

    /// <summary>A difference in ln as the percentage it makes (ln 1.1 → "10%").</summary>
    private static string Percent(double logDifference) => $"{(Math.Exp(logDifference) - 1) * 100:F0}%";
}
