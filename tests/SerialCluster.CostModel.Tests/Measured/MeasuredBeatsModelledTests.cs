using SerialCluster.CostModel.Measured;
using SerialCluster.CostModel.Prediction;
using SerialCluster.CostModel.Shapes;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.CostModel.Tests.Measured;

/// <summary>The measured-beats-modelled rule of <see cref="ModeChooser"/>, on synthetic histories.</summary>
public sealed class MeasuredBeatsModelledTests
{
    private static readonly List<SiloFigures> OneMachine = Synthetic.Silos(1, 4);

    // One silo's shapes for every decision, as a coordinator has: a variant's changes are then the same object each time.
    private static readonly PlanShapes Shapes = new();

    private static CostDecision Decide(WorkloadPlan plan, Dictionary<string, MeasuredPlan>? measured = null, double margin = Corrections.DefaultMargin) =>
        ModeChooser.Decide(plan, OneMachine, 4, Synthetic.Costs(perUnit: 1e-9, perStep: 1e-8), Synthetic.Dispatch, measured, margin, Shapes);

    /// <summary>Measurements that make <paramref name="prediction"/>'s corrected time <paramref name="seconds"/>.</summary>
    private static KeyValuePair<string, MeasuredPlan> Measured(ModePrediction prediction, double seconds, int runs = 5, double spread = 0) =>
        new(PlanRuns.Key(prediction), new MeasuredPlan(runs, seconds / prediction.Seconds, seconds, spread));

    private static WorkloadPlan Amdahl => Synthetic.Plan("amdahl", ("serialFraction", "0.5"), ("work", "1000000"), ("tasks", "16"));

    private static WorkloadPlan WideEca => Synthetic.Plan("eca", ("width", "65536"), ("steps", "20000"));

    [Fact]
    public void WithoutMeasurementsTheDecisionIsTheModels()
    {
        foreach (var plan in new[] { Amdahl, WideEca })
        {
            var plain = Decide(plan);
            var empty = Decide(plan, []);
            var elsewhere = Decide(plan, new Dictionary<string, MeasuredPlan> { ["scatter-batched(strips=99)"] = new(5, 0.1, 0.001) });
            Assert.Equal(plain.Choice, empty.Choice);
            Assert.Equal(plain.Choice, elsewhere.Choice);
            Assert.All(plain.Predictions, p => Assert.Null(p.CorrectedSeconds));
            Assert.All(plain.Predictions, p => Assert.Equal(0, p.MeasuredRuns));
        }
    }

    [Fact]
    public void ANearTieGoesToTheModeThatMeasuredFaster()
    {
        // Amdahl f = 0.5 on this grid: scatter measured 71 ms, pinned 80 ms, whatever the raw model said.
        var raw = Decide(Amdahl);
        var (pinned, scatter) = (raw.For(ModePrediction.Pinned), raw.For(ModePrediction.Scatter));
        var decision = Decide(Amdahl, new(new[] { Measured(pinned, 0.080), Measured(scatter, 0.071) }));
        Assert.Equal(ModePrediction.Scatter, decision.Choice.Mode);
        Assert.Equal(0.071, decision.Choice.CorrectedSeconds!.Value, 1e-12);
        Assert.Equal(scatter.Seconds, decision.Choice.Seconds); // the raw prediction is kept beside the corrected one
        Assert.Equal(5, decision.Choice.MeasuredRuns);
        Assert.Equal(0.080, decision.For(ModePrediction.Pinned).CorrectedSeconds!.Value, 1e-12);

        // And the other way round; within the scatter margin pinned is kept.
        Assert.Equal(ModePrediction.Pinned, Decide(Amdahl, new(new[] { Measured(pinned, 0.071), Measured(scatter, 0.080) })).Choice.Mode);
        Assert.Equal(ModePrediction.Pinned, Decide(Amdahl, new(new[] { Measured(pinned, 0.074), Measured(scatter, 0.071) })).Choice.Mode);
    }

    [Fact]
    public void MeasuredPlansAreComparedByWhatTheyMeasuredNotByTheRawModelsWander()
    {
        // Scatter's runs measured 70 ms and pinned's 80 ms (medians). The raw model predicted this job differently
        // from job to job, so that raw now × the median measured ÷ predicted puts pinned at 60 ms and scatter at 75 ms:
        // the medians decide (the same job, like with like), and the corrected times are still reported.
        var raw = Decide(Amdahl);
        var (pinned, scatter) = (raw.For(ModePrediction.Pinned), raw.For(ModePrediction.Scatter));
        var decision = Decide(Amdahl, new()
        {
            [PlanRuns.Key(pinned)] = new MeasuredPlan(15, 0.060 / pinned.Seconds, 0.080, 0.1),
            [PlanRuns.Key(scatter)] = new MeasuredPlan(15, 0.075 / scatter.Seconds, 0.070, 0.1),
        });
        Assert.Equal(ModePrediction.Scatter, decision.Choice.Mode);
        Assert.Equal(0.075, decision.Choice.CorrectedSeconds!.Value, 1e-12);
        Assert.Equal(0.070, decision.Choice.MeasuredSeconds!.Value, 1e-12);
        Assert.Equal(0.060, decision.For(ModePrediction.Pinned).CorrectedSeconds!.Value, 1e-12);
        Assert.Contains("scatter measured 0.0700 s (median of 15 run(s))", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ANeverRunPlanMustBeatTheChoiceByTheMarginInTheSameModel()
    {
        var raw = Decide(WideEca);
        var pinned = raw.For(ModePrediction.Pinned);
        var fastest = raw.Predictions.Skip(1).MinBy(p => p.Seconds)!;
        Assert.Contains(raw.Predictions, p => p.Mode == ModePrediction.ScatterBatched);
        var gap = 1 - (fastest.Seconds / pinned.Seconds); // how far below pinned the model puts the fastest scatter form
        Assert.True(gap > 0.05, $"the raw model puts a scatter form below pinned (gap {gap:P1})");

        // Pinned ran at twice its raw prediction (the model under-predicted it by half), so its measured and corrected
        // times are far above the never-run plan's raw prediction. That does not make the never-run plan faster: the
        // same model puts it only `gap` below pinned, so with a wider margin pinned stays.
        var slowPinned = new Dictionary<string, MeasuredPlan>(new[] { Measured(pinned, pinned.Seconds * 2) });
        var kept = Decide(WideEca, slowPinned, gap + 0.02);
        Assert.Equal(ModePrediction.Pinned, kept.Choice.Mode);
        Assert.StartsWith("measured beats modelled", kept.Reason, StringComparison.Ordinal);

        // With a margin below the gap, the never-run plan is tried, whatever pinned measured.
        foreach (var factor in new[] { 0.5, 1.0, 2.0 })
        {
            var tried = Decide(WideEca, new(new[] { Measured(pinned, pinned.Seconds * factor) }), gap - 0.02);
            Assert.Same(tried.Predictions.Single(p => PlanRuns.Key(p) == PlanRuns.Key(fastest)), tried.Choice);
            Assert.StartsWith("never run here", tried.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AVariantThatRanSlowerThanPredictedIsCorrectedAndLosesToPinned()
    {
        // The eca 65,536 × 10⁶ case: a batched variant rated near pinned ran 1.4× slower than predicted.
        var raw = Decide(WideEca);
        var pinned = raw.For(ModePrediction.Pinned);
        var variant = raw.Predictions.Where(p => p.Mode == ModePrediction.ScatterBatched).MinBy(p => p.Seconds)!;
        // Pinned measured 1.1× the variant's raw time, and the margin is wide enough that no other (unmeasured) plan's
        // raw prediction is below pinned's by it.
        var others = raw.Predictions.Skip(1).Where(p => PlanRuns.Key(p) != PlanRuns.Key(variant)).Min(p => p.Seconds);
        var margin = Math.Max(0.15, 1 - (others / pinned.Seconds) + 0.02);
        var pinnedSeconds = variant.Seconds * 1.1;
        var measured = new Dictionary<string, MeasuredPlan>(new[]
        {
            Measured(pinned, pinnedSeconds),
            new KeyValuePair<string, MeasuredPlan>(PlanRuns.Key(variant), new MeasuredPlan(1, 1.4, variant.Seconds * 1.4)),
        });
        var decision = Decide(WideEca, measured, margin);
        var corrected = decision.Predictions.Single(p => PlanRuns.Key(p) == PlanRuns.Key(variant));
        Assert.Equal(variant.Seconds * 1.4, corrected.CorrectedSeconds!.Value, 1e-12);
        Assert.Equal(1, corrected.MeasuredRuns);
        Assert.True(
            variant.Seconds < pinnedSeconds || raw.Choice.Mode == ModePrediction.Pinned,
            "the raw model rated the variant at least near pinned's measured time");
        Assert.Equal(ModePrediction.Pinned, decision.Choice.Mode);
    }

    [Fact]
    public void AChainStaysPinnedWhateverScatterMeasured()
    {
        var plan = Synthetic.Plan("hashchain", ("steps", "1000000"));
        var raw = Decide(plan);
        var decision = Decide(plan, new(new[] { Measured(raw.For(ModePrediction.Scatter), raw.For(ModePrediction.Pinned).Seconds / 10) }));
        Assert.Equal(ModePrediction.Pinned, decision.Choice.Mode);
    }

    [Fact]
    public void OnlyTheRunPlansOwnMeasurementsCorrectIt()
    {
        var raw = Decide(WideEca);
        var variant = raw.Predictions.First(p => p.Mode == ModePrediction.ScatterBatched);
        // The same changes in another order name the same run plan.
        var reordered = PlanRuns.Key(variant.Mode, variant.Changes.Reverse().ToDictionary(c => c.Key, c => c.Value));
        var decision = Decide(WideEca, new() { [reordered] = new MeasuredPlan(3, 2.0, 1.0) });
        Assert.All(decision.Predictions, p =>
        {
            var same = PlanRuns.Key(p) == PlanRuns.Key(variant);
            Assert.Equal(same ? 3 : 0, p.MeasuredRuns);
            Assert.Equal(same ? p.Seconds * 2.0 : null, p.CorrectedSeconds);
        });
    }

    /// <summary>
    /// Wide eca with plain scatter and its fastest batched variant both measured (medians and corrected times alike),
    /// below every other plan's raw prediction (so no never-run plan is tried): the decision for the variant measured
    /// at <paramref name="ratio"/> × scatter's time, from <paramref name="variantRuns"/> runs, both plans' runs
    /// spreading by <paramref name="spread"/> in ln.
    /// </summary>
    private static (CostDecision Decision, ModePrediction Scatter, ModePrediction Variant) ScatterAgainstVariant(double ratio, int variantRuns, double spread)
    {
        var raw = Decide(WideEca);
        var scatter = raw.For(ModePrediction.Scatter);
        var variant = raw.Predictions.Where(p => p.Mode == ModePrediction.ScatterBatched).MinBy(p => p.Seconds)!;
        var seconds = raw.Predictions.Min(p => p.Seconds) * 0.5;
        var decision = Decide(WideEca, new(new[] { Measured(scatter, seconds, 15, spread), Measured(variant, seconds * ratio, variantRuns, spread) }));
        return (decision, scatter, variant);
    }

    [Fact]
    public void AVariantWithinTheNoiseOfThePlainPlanIsATieAndThePlainPlanRuns()
    {
        // The 16:27 grid's eca 1,048,576 × 2·10⁴ row: a 2-strip batched scatter measured a few percent faster than plain
        // scatter on one median and slower on the next, and auto ran it 9 of 15 times at 1.12× plain scatter's time.
        // Runs spreading 10% (this VM's typical robust deviation), 15 of each: 3% faster is a tie.
        var (decision, scatter, variant) = ScatterAgainstVariant(0.97, 15, 0.10);
        Assert.Equal(PlanRuns.Key(scatter), PlanRuns.Key(decision.Choice));
        Assert.Contains("a tie, kept plain", decision.Reason, StringComparison.Ordinal);
        // The threshold: 1.645 × √2 × 1.2533 × 0.10 / √15 = 7.5% in ln.
        var needed = ModeChooser.Separation(decision.Predictions.Single(p => PlanRuns.Key(p) == PlanRuns.Key(variant)), decision.Choice);
        Assert.Equal(1.645 * Math.Sqrt(2) * 1.2533 * 0.10 / Math.Sqrt(15), needed, 1e-9);
    }

    [Fact]
    public void AVariantFasterBeyondTheNoiseRuns()
    {
        // 20% faster at the same noise, or 5% faster on a quiet machine (runs spreading 1%): the variant.
        foreach (var (ratio, spread) in new[] { (0.80, 0.10), (0.95, 0.01) })
        {
            var (decision, _, variant) = ScatterAgainstVariant(ratio, 15, spread);
            Assert.Equal(PlanRuns.Key(variant), PlanRuns.Key(decision.Choice));
            Assert.Contains("beyond the", decision.Reason, StringComparison.Ordinal);
        }

        // And 5% faster with the noise of 10%: a tie.
        Assert.Equal(ModePrediction.Scatter, ScatterAgainstVariant(0.95, 15, 0.10).Decision.Choice.Mode);
    }

    [Fact]
    public void AVariantIsTriedForItsFirstRunsOnItsMedianAlone()
    {
        // Fewer than ModeChooser.ExplorationRuns runs: its noise is not known yet, so a lower median runs it.
        var (exploring, _, variant) = ScatterAgainstVariant(0.97, ModeChooser.ExplorationRuns - 1, 0.10);
        Assert.Equal(PlanRuns.Key(variant), PlanRuns.Key(exploring.Choice));
        Assert.StartsWith("trying", exploring.Reason, StringComparison.Ordinal);
        // A slower one is not tried again.
        Assert.Equal(ModePrediction.Scatter, ScatterAgainstVariant(1.03, 1, 0.10).Decision.Choice.Mode);
        // Once it has its runs, the same figures are a tie.
        Assert.Equal(ModePrediction.Scatter, ScatterAgainstVariant(0.97, ModeChooser.ExplorationRuns, 0.10).Decision.Choice.Mode);
    }
}
