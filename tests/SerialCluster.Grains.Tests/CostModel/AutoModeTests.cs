using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.CostModel.History;
using SerialCluster.CostModel.Measured;
using SerialCluster.CostModel.Prediction;
using SerialCluster.Grains.CostModel;
using Xunit.Abstractions;

namespace SerialCluster.Grains.Tests.CostModel;

[Collection(ClusterCollection.Name)]
public sealed class AutoModeTests(ClusterFixture fixture, ITestOutputHelper output)
{
    private static readonly string[] Modes = [ModePrediction.Pinned, ModePrediction.Scatter, ModePrediction.ScatterBatched];

    public static TheoryData<string, Dictionary<string, string>> Jobs() => new()
    {
        { "montecarlo", new() { ["samples"] = "2000000", ["tasks"] = "8", ["seed"] = "5" } },
        { "amdahl", new() { ["serialFraction"] = "0.5", ["work"] = "20000", ["tasks"] = "8" } },
        { "eca", new() { ["width"] = "8192", ["steps"] = "600", ["init"] = "random", ["seed"] = "3", ["strips"] = "8", ["halo"] = "40" } },
        { "nbody", new() { ["preset"] = "random", ["n"] = "64", ["steps"] = "20", ["tasks"] = "8" } },
    };

    [Theory]
    [MemberData(nameof(Jobs))]
    public async Task AutoRunsTheChosenModeRecordsEveryPredictionAndMatchesPinnedAndScatter(string workload, Dictionary<string, string> parameters)
    {
        var pinned = await JobDriver.RunCompletedAsync(fixture.Client, workload, parameters, JobMode.Pinned, 0);
        var scatter = await JobDriver.RunCompletedAsync(fixture.Client, workload, parameters, JobMode.Scatter, 0);
        var auto = await JobDriver.RunCompletedAsync(fixture.Client, workload, parameters, JobMode.Auto, 0);

        Assert.Equal(pinned.ResultJson, auto.ResultJson);
        Assert.Equal(scatter.ResultJson, auto.ResultJson);
        var profile = auto.Profile!;
        output.WriteLine($"{workload}: chose {profile.ChosenMode}, predicted {profile.PredictedSeconds:F4} s, measured {profile.WallSeconds:F4} s; " +
                         string.Join("; ", profile.Predictions!.Select(p => $"{p.Mode} {p.PredictedSeconds:F4}")));
        Assert.Equal(JobMode.Auto, auto.Spec!.Mode);
        Assert.Contains(profile.ChosenMode, Modes);
        Assert.Contains(profile.Predictions!, p => p.Mode == ModePrediction.Pinned);
        Assert.Contains(profile.Predictions!, p => p.Mode == ModePrediction.Scatter);
        Assert.All(profile.Predictions!, p => Assert.True(p.PredictedSeconds > 0 && double.IsFinite(p.PredictedSeconds)));
        // Exactly one prediction ran, the chosen mode's; the profile's raw and corrected times are that one's plus the decision.
        var ran = Assert.Single(profile.Predictions!, p => p.Ran);
        Assert.Equal(ran.Mode, profile.ChosenMode);
        var decisionSeconds = profile.PredictedSeconds!.Value - ran.PredictedSeconds;
        Assert.True(decisionSeconds >= 0);
        Assert.True(Math.Abs(profile.CorrectedPredictedSeconds!.Value - ((ran.CorrectedSeconds ?? ran.PredictedSeconds) + decisionSeconds)) < 1e-9);
        Assert.False(string.IsNullOrEmpty(profile.ChoiceReason));
        Assert.All(profile.Predictions!, p => Assert.Equal(p.MeasuredRuns > 0, p.CorrectedSeconds is not null));
        AssertChoiceFollowsTheRule(profile.Predictions!, ran);
        // The job keeps its own parameters, whatever split ran.
        Assert.Equal(pinned.Spec!.Parameters, auto.Spec.Parameters);
        // Pinned and scatter jobs carry predictions too, each for its own mode.
        Assert.Equal(ModePrediction.Pinned, pinned.Profile!.ChosenMode);
        Assert.Equal(ModePrediction.Scatter, scatter.Profile!.ChosenMode);
        Assert.NotNull(pinned.Profile.PredictedSeconds);
        Assert.NotEmpty(scatter.Profile.Predictions!);
        Assert.Equal(ModePrediction.Pinned, Assert.Single(pinned.Profile.Predictions!, p => p.Ran).Mode);
        Assert.StartsWith("pinned asked for; auto would run ", pinned.Profile.ChoiceReason, StringComparison.Ordinal);
        Assert.Equal(ModePrediction.Scatter, Assert.Single(scatter.Profile.Predictions!, p => p.Ran).Mode);
    }

    /// <summary>
    /// Without measurements under the job's signature: the fastest raw prediction (pinned unless a scatter form beats it
    /// by the scatter margin). With some: the plain choice (pinned or plain scatter by their measured medians, pinned
    /// within the scatter margin), a measured variant whose median is below it (exploring, or beyond the noise), or an
    /// unmeasured one predicted faster than one of those by at least the smallest margin the rule allows.
    /// </summary>
    private static void AssertChoiceFollowsTheRule(List<JobPrediction> predictions, JobPrediction ran)
    {
        var pinned = predictions.Single(p => p.Mode == ModePrediction.Pinned);
        if (!predictions.Any(p => p.MeasuredRuns > 0))
        {
            var fastestScatter = predictions.Where(p => p.Mode != ModePrediction.Pinned).MinBy(p => p.PredictedSeconds)!;
            var expected = fastestScatter.PredictedSeconds < pinned.PredictedSeconds * (1 - ModeChooser.ScatterMargin) ? fastestScatter : pinned;
            Assert.Equal(expected.PredictedSeconds, ran.PredictedSeconds);
            Assert.Equal(expected.Mode, ran.Mode);
            return;
        }

        Assert.All(predictions, p => Assert.Equal(p.MeasuredRuns > 0, p.MeasuredSeconds is not null));
        static double Median(JobPrediction p) => p.MeasuredSeconds!.Value;
        static double Deciding(JobPrediction p) => p.CorrectedSeconds ?? p.PredictedSeconds;
        var scatter = predictions.Single(p => p.Mode == ModePrediction.Scatter && p.Parameters.Count == 0);
        var plain = (pinned.MeasuredRuns > 0, scatter.MeasuredRuns > 0) switch
        {
            (true, true) => Median(scatter) < Median(pinned) * (1 - ModeChooser.ScatterMargin) ? scatter : pinned,
            (true, false) => pinned,
            (false, true) => scatter,
            _ => null,
        };
        var variants = predictions.Where(p => p.Mode == ModePrediction.ScatterBatched && p.MeasuredRuns > 0).ToList();
        List<JobPrediction> allowed = plain is null
            ? [variants.MinBy(Median)!]
            : [plain, .. variants.Where(v => Median(v) < Median(plain) * (ReferenceEquals(plain, pinned) ? 1 - ModeChooser.ScatterMargin : 1))];
        Assert.True(
            allowed.Any(a => ReferenceEquals(ran, a))
                // A never-run plan is weighed raw against the choice's raw prediction (docs/COST-MODEL.md, "The chooser's rule").
                || (ran.MeasuredRuns == 0
                    && allowed.Any(a => ran.PredictedSeconds < Math.Max(Deciding(a), a.PredictedSeconds) * (1 - Corrections.MinimumMargin))),
            $"ran {ran.Mode} ({Deciding(ran):F4} s, {ran.MeasuredRuns} runs); "
            + $"allowed {string.Join(", ", allowed.Select(a => $"{a.Mode} median {Median(a):F4} s"))}");
    }

    [Fact]
    public async Task FinishedJobsFeedTheWorkloadsCostHistory()
    {
        var parameters = new Dictionary<string, string> { ["samples"] = "3000000", ["tasks"] = "6", ["seed"] = "11" };
        var history = fixture.Client.GetGrain<IUnitCostGrain>("montecarlo");
        var before = (await history.GetAsync()).Jobs;
        await JobDriver.RunCompletedAsync(fixture.Client, "montecarlo", parameters, JobMode.Pinned, 0);
        await JobDriver.RunCompletedAsync(fixture.Client, "montecarlo", parameters, JobMode.Scatter, 3);
        var after = await history.GetAsync();
        Assert.True(after.Jobs >= before + 2, $"the history saw {after.Jobs - before} of 2 jobs");
        Assert.True(after.ParallelPerUnit > 0, "a parallel cost per unit was learned");
        // A job of several parallel stages teaches the cluster its per-stage barrier and per-wave dispatch.
        await JobDriver.RunCompletedAsync(
            fixture.Client, "eca", new Dictionary<string, string> { ["width"] = "4096", ["steps"] = "300", ["halo"] = "50" }, JobMode.Scatter, 3);
        var cluster = await fixture.Client.GetGrain<IUnitCostGrain>(IUnitCostGrain.ClusterKey).GetAsync();
        Assert.True(cluster.Jobs >= 3);
        Assert.NotNull(cluster.PinnedJobSeconds);
        Assert.NotNull(cluster.ScatterJobSeconds);
        Assert.NotNull(cluster.StageBarrierSeconds);
        Assert.NotNull(cluster.TaskDispatchSeconds);
        Assert.Null(cluster.ChainPerUnit);
        Assert.Null(cluster.ParallelPerUnit);
    }

    [Fact]
    public async Task EveryRunIsKeptUnderItsPlanSignatureBesideItsRawPrediction()
    {
        var parameters = new Dictionary<string, string> { ["samples"] = "2500000", ["tasks"] = "6", ["seed"] = "17" };
        var first = await JobDriver.RunCompletedAsync(fixture.Client, "montecarlo", parameters, JobMode.Pinned, 0);
        var second = await JobDriver.RunCompletedAsync(fixture.Client, "montecarlo", parameters, JobMode.Pinned, 0);
        var history = await fixture.Client.GetGrain<IUnitCostGrain>("montecarlo").GetAsync();
        var signature = PlanRuns.Signature(
            "montecarlo", Workloads.Plans.WorkloadCatalog.Get("montecarlo").Plan(parameters).Parameters.Canonical, first.Profile!.ParallelismCap);
        var runs = history.MeasuredRuns![signature][ModePrediction.Pinned];
        Assert.Equal(2, runs.Runs);
        // Each run kept its wall less the decision's time beside the raw prediction for pinned.
        var ratios = new[] { first, second }.Select(job =>
        {
            var ran = Assert.Single(job.Profile!.Predictions!, p => p.Ran);
            var decision = job.Profile.PredictedSeconds!.Value - ran.PredictedSeconds;
            return (job.Profile.WallSeconds - decision) / ran.PredictedSeconds;
        }).ToArray();
        Assert.True(Math.Abs(ratios.Average() - runs.Ratio) < 1e-9 * runs.Ratio, $"ratio {runs.Ratio} against {string.Join(", ", ratios)}");
        Assert.True(history.ModelErrorSamples >= 2);
        // The cache reads the same runs back for the model.
        var estimate = UnitCostGrain.ToEstimate(history);
        Assert.Equal(2, estimate.Measured!.For(signature)[ModePrediction.Pinned].Runs);
        // And each cost line's recent points, as ratios to it, which it bends to near the sizes they measured.
        var lines = new[] { (estimate.Chain, history.ChainPoints), (estimate.Parallel, history.ParallelPoints), (estimate.ParallelAlone, history.AlonePoints) };
        foreach (var (line, points) in lines)
        {
            if (line is { } l)
            {
                Assert.NotNull(points);
                Assert.Equal(points.UnitsPerStep, l.Local!.UnitsPerStep);
                Assert.Equal(points.LogRatios, l.Local.LogRatios);
                Assert.Equal(points.StepsPerTask, l.Local.StepsPerTask);
            }
        }

        Assert.NotNull(estimate.Parallel?.Local ?? estimate.ParallelAlone?.Local ?? estimate.Chain?.Local);
        // And each mode's recent fixed costs, where its line exists.
        foreach (var (points, wire) in new[] { (estimate.PinnedJobPoints, history.PinnedJobPoints), (estimate.ScatterJobPoints, history.ScatterJobPoints) })
        {
            Assert.Equal(wire?.ComputeSeconds, points?.ComputeSeconds);
            Assert.Equal(wire?.LogRatios, points?.LogRatios);
        }
        // The cluster's history keeps none.
        Assert.Null((await fixture.Client.GetGrain<IUnitCostGrain>(IUnitCostGrain.ClusterKey).GetAsync()).MeasuredRuns);
    }

    [Fact]
    public void AnObservationCarriesItsRunBothWays()
    {
        var run = new PlanRun("eca(halo=0,width=65536)@P=2", "scatter-batched(halo=16384,strips=2)", 0.354, 0.414);
        var sample = new CostSample(true, null, null, null, 0.01, null, null, Run: run);
        Assert.Equal(run, UnitCostGrain.ToSample(UnitCostGrain.ToObservation(sample)).Run);
        Assert.Null(UnitCostGrain.ToSample(UnitCostGrain.ToObservation(sample with { Run = null })).Run);
        // And the tasks its steps were spread over.
        var tasks = sample with
        {
            Chain = new StepSample(4096, 100, 0.2, 2),
            Parallel = new StepSample(8192, 640, 0.3, 10),
            ParallelAlone = new StepSample(10, 5, 0.01, 5),
        };
        var back = UnitCostGrain.ToSample(UnitCostGrain.ToObservation(tasks));
        Assert.Equal((tasks.Chain, tasks.Parallel, tasks.ParallelAlone), (back.Chain, back.Parallel, back.ParallelAlone));
    }

    [Fact]
    public async Task AChainIsRunPinnedByAuto()
    {
        var parameters = new Dictionary<string, string> { ["steps"] = "20000" };
        var auto = await JobDriver.RunCompletedAsync(fixture.Client, "hashchain", parameters, JobMode.Auto, 0);
        Assert.Equal(ModePrediction.Pinned, auto.Profile!.ChosenMode);
        Assert.Single(auto.Profile.Silos);
    }
}
