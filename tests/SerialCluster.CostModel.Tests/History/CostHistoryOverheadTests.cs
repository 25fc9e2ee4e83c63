using SerialCluster.CostModel.Costs;
using SerialCluster.CostModel.History;
using SerialCluster.CostModel.Prediction;
using SerialCluster.CostModel.Shapes;
using SerialCluster.Workloads.Plans;
using static SerialCluster.CostModel.Tests.History.ModelledRun;

namespace SerialCluster.CostModel.Tests.History;

/// <summary>How a history learns overheads: per job, per stage, per wave, and apart from compute.</summary>
public sealed class CostHistoryOverheadTests
{
    [Fact]
    public void TheFirstStagesOnceAJobCostGoesToTheJobNotToEveryStage()
    {
        // Workers compile the job's plan on their first task: the first stage is slower by a once-per-job cost.
        const double once = 0.02;
        var silos = Synthetic.Silos(2, 4);
        var d = Synthetic.Dispatch;
        var shape = PlanShape.Of(Synthetic.Plan("eca", ("width", "4096"), ("steps", "4000"), ("strips", "8")));
        var (stages, wall) = Measure(shape, silos, 8, d);
        stages[0] = stages[0] with { WallSeconds = stages[0].WallSeconds + once };
        var sample = CostSampler.Scatter(shape, stages, wall + once, silos, 8, d, calibrated: false);
        Assert.Equal(d.ScatterJobSeconds + once, sample.ScatterJobSeconds!.Value, 1e-12);
        Assert.Equal(d.StageBarrierSeconds + (d.TaskDispatchSeconds * sample.Stages!.Value.Waves), sample.Stages.Value.Seconds, 1e-12);

        // One parallel stage: beyond the stage cost the job already expects, everything is the job's.
        var single = PlanShape.Of(Synthetic.Plan("montecarlo", ("samples", "1000000"), ("tasks", "16")));
        var (one, oneWall) = Measure(single, silos, 8, d);
        one[0] = one[0] with { WallSeconds = one[0].WallSeconds + once };
        var singleSample = CostSampler.Scatter(single, one, oneWall + once, silos, 8, d, calibrated: false);
        Assert.Equal(d.ScatterJobSeconds + once, singleSample.ScatterJobSeconds!.Value, 1e-12);
        Assert.Null(singleSample.Stages);
    }

    [Fact]
    public void TheCoordinatorsWorkBetweenStagesIsAStageCostNotTheJobs()
    {
        // A stepped run: the coordinator spends `gap` between every two stages (committing one, starting the next).
        const double gap = 0.0002;
        const double before = 0.004;
        var silos = Synthetic.Silos(2, 4);
        var d = Synthetic.Dispatch;
        var shape = PlanShape.Of(Synthetic.Plan("eca", ("width", "4096"), ("steps", "4000"), ("strips", "8")));
        var (stages, _) = Measure(shape, silos, 8, d);
        var timed = new List<StageMeasurement>();
        var clock = before;
        foreach (var stage in stages)
        {
            timed.Add(stage with { StartSeconds = clock });
            clock += stage.WallSeconds + gap;
        }

        var wall = clock - gap + (d.ScatterJobSeconds - before);
        var sample = CostSampler.Scatter(shape, timed, wall, silos, 8, d, calibrated: false);
        Assert.True(shape.StageCount > 50, $"the plan has {shape.StageCount} stages; the test needs many");
        // The job keeps only what it costs once; every stage carries the gap after it (the last has none after it, so the
        // stages' mean is short of one gap by gap / (stages − 1), and the job's share long by as much).
        var slack = (gap / (shape.StageCount - 1)) + 1e-12;
        Assert.Equal(d.ScatterJobSeconds, sample.ScatterJobSeconds!.Value, slack);
        Assert.Equal(d.StageBarrierSeconds + (d.TaskDispatchSeconds * sample.Stages!.Value.Waves) + gap, sample.Stages.Value.Seconds, slack);

        // Without start times the gaps can only go to the job: (stages − 1) gaps.
        var untimed = CostSampler.Scatter(shape, stages, wall, silos, 8, d, calibrated: false);
        Assert.Equal(d.ScatterJobSeconds + ((shape.StageCount - 1) * gap), untimed.ScatterJobSeconds!.Value, 1e-9);

        // And a small job of the workload learned from the timed run is predicted as it runs.
        var history = new CostHistory();
        history.Observe(sample);
        var small = PlanShape.Of(Synthetic.Plan("eca", ("width", "4096"), ("steps", "64"), ("strips", "8")));
        var (smallStages, smallWall) = Measure(small, silos, 8, d with { StageBarrierSeconds = d.StageBarrierSeconds + gap });
        var learned = new CostInputs(small, silos, 8, Synthetic.Costs(), history.Estimate(d).Dispatch(d));
        Assert.Equal(smallStages.Count, small.StageCount);
        Assert.Equal(smallWall, CostPredictor.Scatter(learned with { Costs = new UnitCosts(Line, Line) }).Seconds, smallWall * 0.02);
    }

    [Fact]
    public void OnlyStagesWhoseOverheadStandsOutOfTheirComputeTellTheOverheadOthersBorrow()
    {
        var silos = Synthetic.Silos(2, 4);
        var d = Synthetic.Dispatch;
        // Short stages: the overhead is most of a stage.
        var light = PlanShape.Of(Synthetic.Plan("eca", ("width", "4096"), ("steps", "4000"), ("strips", "8")));
        var (lightStages, lightWall) = Measure(light, silos, 8, d);
        var lightSample = CostSampler.Scatter(light, lightStages, lightWall, silos, 8, d, calibrated: false).Stages!.Value;
        Assert.True(lightSample.TellsOverhead, $"{lightSample}");
        // Long stages: many times their overhead in compute each.
        var heavy = PlanShape.Of(Synthetic.Plan("eca", ("width", "4194304"), ("steps", "4000"), ("strips", "8"), ("halo", "1000")));
        var (heavyStages, heavyWall) = Measure(heavy, silos, 8, d);
        var heavySample = CostSampler.Scatter(heavy, heavyStages, heavyWall, silos, 8, d, calibrated: false).Stages!.Value;
        Assert.True(heavySample.MakespanSeconds > StageSample.MaxComputePerOverhead * heavySample.Seconds, $"{heavySample}");
        Assert.False(heavySample.TellsOverhead);
    }

    [Fact]
    public void LongStagesTeachAShareOfTheirComputeAndShortOnesTheOverheadLine()
    {
        // Short stages cost 0.6 ms beyond their compute; long ones also 10% of their compute (a large output saved,
        // tasks that do not pack). Learned apart, a short stage is not charged the long ones' overhead, nor the reverse.
        var history = new CostHistory();
        for (var i = 0; i < 3; i++)
        {
            history.Observe(new CostSample(false, null, null, null, 0.005, new StageSample(1, 0.0006, 0.0004), null));
            history.Observe(new CostSample(false, null, null, null, 0.005, new StageSample(1, 0.0006 + 0.006, 0.06), null));
        }

        var dispatch = history.Estimate().Dispatch(DispatchCosts.Default);
        Assert.Equal(0.0006, dispatch.StageSeconds(1), 9);
        Assert.Equal(0.1, dispatch.StagePerComputeSecond, 9);
        Assert.Equal(0.0006 + (0.1 * 0.0004), dispatch.StageSeconds(1, 0.0004), 9);
        Assert.Equal(0.0006 + 0.006, dispatch.StageSeconds(1, 0.06), 9);
    }

    [Fact]
    public void AStageCostMeasuredAtAWaveCountIsUsedThereAsMeasured()
    {
        // Pipelining hides dispatch when several waves run: one wave measured dearer per stage than four.
        var history = new CostHistory();
        history.Observe(new CostSample(false, null, null, null, 0.005, new StageSample(4, 0.0005), null));
        history.Observe(new CostSample(false, null, null, null, 0.005, new StageSample(1, 0.0012), null));
        var dispatch = history.Estimate().Dispatch(DispatchCosts.Default);
        Assert.Equal(0.0012, dispatch.StageSeconds(1), 12);
        Assert.Equal(0.0005, dispatch.StageSeconds(4), 12);
        // Between and beyond the measured counts, the line (here flat: it cannot fall with more waves).
        Assert.InRange(dispatch.StageSeconds(2), 0.0005, 0.0012);
        Assert.Equal(1, dispatch.MinWaves);
    }

    [Fact]
    public void AWorkloadsOwnOverheadsNeedAFewJobsAndIgnoreAStrayOne()
    {
        var history = new CostHistory(CostHistory.WorkloadOverheadSamples);
        history.Observe(new CostSample(false, null, null, 0.5, null, null, null)); // a first job paying for JIT
        history.Observe(new CostSample(false, null, null, 0.004, null, null, null));
        Assert.Null(history.Estimate().PinnedJobSeconds);
        history.Observe(new CostSample(false, null, null, 0.006, null, null, null));
        Assert.InRange(history.Estimate().PinnedJobSeconds!.Value, 0.004, 0.006);
    }

    [Fact]
    public void AFixedCostThatGrowsWithComputeIsNotCarriedToSmallJobs()
    {
        // Scatter jobs of a workload at three sizes: each costs 11 ms once, and 5% of its compute beyond what the model
        // explains (tasks that do not pack perfectly). A median of the whole residual would give the small job the big
        // jobs' 40 ms; the line gives it its own 11 ms.
        var history = new CostHistory(CostHistory.WorkloadOverheadSamples);
        foreach (var compute in new[] { 0.003, 0.08, 0.6, 0.003, 0.6, 0.6, 0.08, 0.6 })
        {
            history.Observe(new CostSample(false, null, null, null, 0.011 + (0.05 * compute), null, null, ScatterJobCompute: compute));
        }

        var dispatch = history.Estimate().Dispatch(DispatchCosts.Default);
        Assert.Equal(0.011, dispatch.ScatterJobSeconds, 6);
        Assert.Equal(0.05, dispatch.ScatterJobPerComputeSecond, 6);
        Assert.Equal(0.011 + (0.05 * 0.003), dispatch.ScatterJob(0.003), 6);
        Assert.Equal(0.011 + (0.05 * 0.6), dispatch.ScatterJob(0.6), 6);
        // Pinned was never measured: its fallback holds, with nothing per compute second.
        Assert.Equal(DispatchCosts.Default.PinnedJobSeconds, dispatch.PinnedJobSeconds);
        Assert.Equal(0, dispatch.PinnedJobPerComputeSecond);

        // Jobs of a millisecond's compute alone cannot tell a slope from noise: the fixed cost stays flat.
        var small = new CostHistory(CostHistory.WorkloadOverheadSamples);
        foreach (var (compute, seconds) in new[] { (0.0003, 0.02), (0.0009, 0.05), (0.0005, 0.03), (0.0004, 0.025), (0.0008, 0.045) })
        {
            small.Observe(new CostSample(false, null, null, seconds, null, null, null, PinnedJobCompute: compute));
        }

        var flat = small.Estimate().Dispatch(DispatchCosts.Default);
        Assert.Equal(0, flat.PinnedJobPerComputeSecond);
        Assert.InRange(flat.PinnedJobSeconds, 0.02, 0.05);

        // What the sampler measures is what the line learns from: a pinned job's residual beside its chain's work.
        var shape = PlanShape.Of(Synthetic.Plan("montecarlo", ("samples", "1000000"), ("tasks", "16")));
        var pinned = CostSampler.Pinned(shape, [new StageMeasurement(StageKind.Chain, 1, 0.2, 0.2, 0.2)], 0.215, 1.0, false);
        Assert.Equal(0.2, pinned.PinnedJobCompute, 12);
        Assert.Equal(0.015, pinned.PinnedJobSeconds!.Value, 12);
    }
}
