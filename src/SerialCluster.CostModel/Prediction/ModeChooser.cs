using SerialCluster.Analysis.Scaling;
using SerialCluster.CostModel.Costs;
using SerialCluster.CostModel.Measured;
using SerialCluster.CostModel.Shapes;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.CostModel.Prediction;

/// <summary>
/// <c>auto</c> mode's decision: predict pinned, scatter and scatter over the coarser variants the plan offers
/// (<see cref="WorkloadPlan.CoarserSplits"/>), and pick the fastest. Scatter must beat pinned by
/// <see cref="ScatterMargin"/>: the predictions err by 10–20% where they extrapolate (a split never run before), the
/// fastest of several such predictions is the likeliest to be too low, and a wrong scatter costs far more than a pinned
/// run a few percent slower (pinned also holds one core, not all). Choosing pinned within the margin costs at most the
/// margin when the predictions are right. And a plan with no parallel stage is always pinned: scattering it runs the
/// same chain on the same silo with one more call, so a faster scatter prediction there is only noise. When the unit
/// costs are only lower bounds (the probe could not finish one task within its budget) the times are not comparable,
/// and the plan's own bound decides instead:
/// pinned when P cores could speed it up by less than <see cref="ScalingVerdict.SerialBound"/>, else the fastest
/// scatter form.
/// <para>
/// Measured beats modelled: where run plans have run under this job's plan signature (<paramref name="measured"/> in
/// <see cref="Decide"/>), each such candidate's prediction is multiplied by the median measured ÷ predicted of its own
/// recent runs (a residual correction learned on this hardware, <see cref="ModePrediction.CorrectedSeconds"/>), and the
/// measured candidates are compared by the medians of their measured times (pinned still preferred within
/// <see cref="ScatterMargin"/>), except that a measured variant (a batched scatter) after its first
/// <see cref="ExplorationRuns"/> runs replaces the plain plan only when faster beyond the noise of their runs
/// (<see cref="Separation"/>): a tie goes to the plain plan. A candidate never measured under this signature is chosen
/// over the best measured one only when its raw prediction is faster than that one's raw prediction by more than
/// <c>margin</c> (<see cref="Corrections.Margin"/>: the model's recent median absolute error, or 15% while that rests
/// on fewer than 5 runs): a model that errs by e cannot tell apart two plans closer than e, and the measured one's
/// time is known.
/// </para>
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

    public static CostDecision Decide(
        WorkloadPlan plan,
        IReadOnlyList<SiloFigures> silos,
        int parallelism,
        UnitCosts costs,
        DispatchCosts dispatch,
        IReadOnlyDictionary<string, MeasuredPlan>? measured = null,
        double margin = Corrections.DefaultMargin)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        var inputs = new CostInputs(PlanShapes.Of(plan), silos, parallelism, costs, dispatch);
        var predictions = new List<ModePrediction> { CostPredictor.Pinned(inputs), CostPredictor.Scatter(inputs) };
        var slots = Math.Max(1, Math.Min(parallelism, CostPredictor.ParallelSlots(silos)));
        foreach (var (changes, shape) in PlanShapes.Candidates(plan, slots))
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
    /// The choice when some candidates were measured. Measured candidates are compared by what they measured: the
    /// median of their recent walls under this signature (the same job: like with like; their corrected predictions
    /// would add the raw model's own wander from job to job, which on 10 ms jobs moved a plan's corrected time 4×).
    /// First the plain plans: pinned or plain scatter (pinned within <see cref="ScatterMargin"/>). A measured variant
    /// (a batched scatter) replaces that choice only while it is exploring (fewer than <see cref="ExplorationRuns"/>
    /// runs, median below the plain choice's) or when its median is below the plain choice's by more than the noise of
    /// their runs (<see cref="Separation"/>): two plans whose runs overlap are a tie, and a tie goes to the plain plan,
    /// so a variant a few percent slower cannot win on a lucky median. Then a never-measured plan is chosen over all
    /// that only when its raw prediction is more than <paramref name="margin"/> below the choice's raw prediction by the
    /// same evaluation of the model: the model's error on the choice (its measured ÷ predicted) is assumed to hold for the
    /// never-run plan too, and the raw model's wander from job to job moves both alike. (Against the choice's corrected
    /// prediction, a model that under-predicted the choice by 25% made every never-run variant look 25% faster: in the
    /// 19:00 grid eca 1,048,576 × 2·10⁴ tried two variants predicted 5% and 0.4% below plain scatter by the same
    /// model (their raw predictions were 20% below plain scatter's corrected one), and ran them in 0.138 s, 0.112 s and
    /// 0.151 s against plain scatter's median of 0.109 s.)
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
