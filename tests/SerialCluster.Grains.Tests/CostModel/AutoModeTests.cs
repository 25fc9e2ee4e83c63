using SerialCluster.Abstractions.Grains;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Kernels.Analysis.CostModel;
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
        // Auto takes the fastest prediction (pinned unless a scatter form beats it by the margin); its predicted time is
        // that one's plus the decision.
        var pinnedPrediction = profile.Predictions!.Single(p => p.Mode == ModePrediction.Pinned).PredictedSeconds;
        var fastestScatter = profile.Predictions!.Where(p => p.Mode != ModePrediction.Pinned).Min(p => p.PredictedSeconds);
        var scatterWins = fastestScatter < pinnedPrediction * (1 - ModeChooser.ScatterMargin);
        var expected = scatterWins ? profile.Predictions!.First(p => p.Mode != ModePrediction.Pinned && p.PredictedSeconds == fastestScatter) : null;
        Assert.Equal(expected?.Mode ?? ModePrediction.Pinned, profile.ChosenMode);
        Assert.True(profile.PredictedSeconds >= Math.Min(pinnedPrediction, fastestScatter));
        // The job keeps its own parameters, whatever split ran.
        Assert.Equal(pinned.Spec!.Parameters, auto.Spec.Parameters);
        // Pinned and scatter jobs carry predictions too, each for its own mode.
        Assert.Equal(ModePrediction.Pinned, pinned.Profile!.ChosenMode);
        Assert.Equal(ModePrediction.Scatter, scatter.Profile!.ChosenMode);
        Assert.NotNull(pinned.Profile.PredictedSeconds);
        Assert.NotEmpty(scatter.Profile.Predictions!);
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
    public async Task AChainIsRunPinnedByAuto()
    {
        var parameters = new Dictionary<string, string> { ["steps"] = "20000" };
        var auto = await JobDriver.RunCompletedAsync(fixture.Client, "hashchain", parameters, JobMode.Auto, 0);
        Assert.Equal(ModePrediction.Pinned, auto.Profile!.ChosenMode);
        Assert.Single(auto.Profile.Silos);
    }
}
