using SerialCluster.CostModel.Costs;
using SerialCluster.CostModel.History;
using SerialCluster.CostModel.Prediction;
using SerialCluster.CostModel.Shapes;
using SerialCluster.Workloads.Plans;
using static SerialCluster.CostModel.Tests.History.ModelledRun;

namespace SerialCluster.CostModel.Tests.History;

public sealed class CostHistoryTests
{
    [Fact]
    public void FeedingBackWhatTheModelPredictsReproducesItsCosts()
    {
        var silos = Synthetic.Silos(2, 4);
        var d = Synthetic.Dispatch;
        var history = new CostHistory();
        // Two eca widths (two points on the per-step line) and two task counts per core (two points on the overhead line).
        var plans = new[]
        {
            Synthetic.Plan("eca", ("width", "4096"), ("steps", "4000"), ("strips", "8")),
            Synthetic.Plan("eca", ("width", "262144"), ("steps", "4000"), ("strips", "32")),
        };
        foreach (var plan in plans)
        {
            var shape = PlanShape.Of(plan);
            var (stages, wall) = Measure(shape, silos, 8, d);
            history.Observe(CostSampler.Scatter(shape, stages, wall, silos, 8, d, calibrated: false));
        }

        var estimate = history.Estimate();
        Assert.Equal(Line.PerStep, estimate.Parallel!.Value.PerStep, Line.PerStep * 1e-6);
        Assert.Equal(Line.PerUnit, estimate.Parallel!.Value.PerUnit, Line.PerUnit * 1e-6);
        Assert.Null(estimate.Chain);
        Assert.Equal(d.ScatterJobSeconds, estimate.ScatterJobSeconds!.Value, 12);
        Assert.Equal(d.StageBarrierSeconds, estimate.StageBarrierSeconds!.Value, 1e-9);
        Assert.Equal(d.TaskDispatchSeconds, estimate.TaskDispatchSeconds!.Value, 1e-9);

        // And the prediction for a third eca job, from what was learned, is what that job "measures".
        var third = PlanShape.Of(Synthetic.Plan("eca", ("width", "65536"), ("steps", "3000"), ("strips", "16")));
        var (_, expected) = Measure(third, silos, 8, d);
        var learned = new CostInputs(third, silos, 8, estimate.UnitCosts()!, estimate.Dispatch(d));
        Assert.Equal(expected, CostPredictor.Scatter(learned).Seconds, expected * 1e-6);
    }

    [Fact]
    public void TheLineBendsToWhatEachSizeMeasuredWhereTheKernelsCostIsNotOneLine()
    {
        // A kernel whose cost per unit steps up 1.5× past 16,384 units per step (out of a cache), run at four sizes in
        // turn, as a grid interleaves them: no straight line fits all four, and the recent 16 points are mostly other
        // sizes. With each line's points, every size is predicted within 5%; the line alone misses some by more than 10%.
        static double PerStep(double units) => 2e-7 + (units * (units > 16_384 ? 1.5e-9 : 1e-9));
        var sizes = new[] { 256.0, 4096, 65_536, 1_048_576 };
        var history = new CostHistory();
        var noise = new Random(7);
        for (var round = 0; round < 6; round++)
        {
            foreach (var units in sizes)
            {
                var steps = 1000.0;
                var seconds = steps * PerStep(units) * (1 + ((noise.NextDouble() - 0.5) * 0.1)); // ±5% run to run
                history.Observe(new CostSample(false, null, new StepSample(units * steps, steps, seconds), null, null, null, null));
            }
        }

        var line = history.Estimate().Parallel!.Value;
        Assert.NotNull(line.Local);
        var bent = sizes.Select(u => (line.Seconds(u * 1000, 1000) / (1000 * PerStep(u))) - 1).ToList();
        var straight = sizes.Select(u => ((line with { Local = null }).Seconds(u * 1000, 1000) / (1000 * PerStep(u))) - 1).ToList();
        Assert.All(bent, e => Assert.InRange(e, -0.05, 0.05));
        Assert.Contains(straight, e => Math.Abs(e) > 0.10);
    }

    [Fact]
    public void PinnedRunsTeachTheChainLineAndThePinnedFixedCost()
    {
        var history = new CostHistory();
        foreach (var width in new[] { "256", "65536" })
        {
            var shape = PlanShape.Of(Synthetic.Plan("eca", ("width", width), ("steps", "10000")));
            var work = Line.Seconds(shape.WholeChain!.Value.Units, shape.WholeChain.Value.Steps) / 2.0; // a core of score 2
            var stage = new StageMeasurement(StageKind.Chain, 1, work, work, work);
            history.Observe(CostSampler.Pinned(shape, [stage], work + 0.004, serialScore: 2.0, calibrated: true));
        }

        var estimate = history.Estimate();
        Assert.True(estimate.Calibrated);
        Assert.Equal(Line.PerStep, estimate.Chain!.Value.PerStep, Line.PerStep * 1e-6);
        Assert.Equal(Line.PerUnit, estimate.Chain!.Value.PerUnit, Line.PerUnit * 1e-6);
        Assert.Equal(0.004, estimate.PinnedJobSeconds!.Value, 12);
        // The parallel kind, never measured, borrows the chain's line.
        Assert.Equal(estimate.Chain, estimate.UnitCosts()!.Parallel);
    }

    [Fact]
    public void TasksRunAloneAndSideBySideAreLearnedApart()
    {
        // A pinned montecarlo job runs its tasks one after another; scatter runs them side by side, here 1.5× slower per unit.
        var plan = Synthetic.Plan("montecarlo", ("samples", "1600000"), ("tasks", "16"));
        var shape = PlanShape.Of(plan);
        var silos = Synthetic.Silos(1, 2);
        var history = new CostHistory();
        history.Observe(CostSampler.Pinned(shape, [new StageMeasurement(StageKind.Parallel, 16, 0.016, 0.016, 0.001)], 0.02, 1.0, false));
        var d = Synthetic.Dispatch;
        var task = 0.0015;
        var wall = (8 * task) + d.StageBarrierSeconds + (8 * d.TaskDispatchSeconds) + (16 * 128 * d.SecondsPerByte);
        var stage = new StageMeasurement(StageKind.Parallel, 16, wall, 16 * task, task);
        history.Observe(CostSampler.Scatter(shape, [stage], wall + d.ScatterJobSeconds, silos, 2, d, false));

        var costs = history.Estimate().UnitCosts()!;
        Assert.Equal(1e-8, costs.Sequential.Seconds(1_000_000, 1) / 1_000_000, 1e-15);
        Assert.Equal(1.5e-8, costs.Parallel.Seconds(1_000_000, 1) / 1_000_000, 1e-15);
        var inputs = new CostInputs(shape, silos, 2, costs, d);
        Assert.Equal(0.016, CostPredictor.Pinned(inputs).ComputeSeconds, 1e-12);
        Assert.Equal(8 * task, CostPredictor.Scatter(inputs).ComputeSeconds, 1e-12);
    }

    [Fact]
    public void ANewScoreBasisReplacesUnitCostsInsteadOfMixingWithThem()
    {
        var history = new CostHistory();
        history.Observe(new CostSample(false, new StepSample(1000, 1000, 1.0), null, 0.01, null, null, null));
        history.Observe(new CostSample(true, new StepSample(1000, 1000, 5e6), null, 0.03, null, null, null));
        var estimate = history.Estimate();
        Assert.True(estimate.Calibrated);
        Assert.Equal(5e3, estimate.Chain!.Value.PerUnit + estimate.Chain.Value.PerStep, 6);
        // Overheads are plain seconds: both count.
        Assert.InRange(estimate.PinnedJobSeconds!.Value, 0.01, 0.03);
        Assert.Equal(2, estimate.Jobs);
    }

    [Fact]
    public void NothingMeasuredMeansNoUnitCostsAndTheFallbackOverheads()
    {
        var estimate = new CostHistory().Estimate();
        Assert.Null(estimate.UnitCosts());
        Assert.Equal(DispatchCosts.Default, estimate.Dispatch(DispatchCosts.Default));
    }
}
