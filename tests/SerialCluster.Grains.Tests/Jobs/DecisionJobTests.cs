using SerialCluster.Abstractions.Jobs;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Grains.Tests.Jobs;

/// <summary>rollout and do1 on the 3-silo test cluster: the same bits pinned, scattered at P = 1, 2, 4 and under auto, with every unit counted.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class DecisionJobTests(ClusterFixture fixture)
{
    public static TheoryData<string, Dictionary<string, string>> Jobs() => new()
    {
        { "rollout", new() { ["states"] = "40", ["gamma"] = "0.95", ["trajectories"] = "6000", ["horizon"] = "80", ["tasks"] = "13", ["seed"] = "3" } },
        { "do1", new() { ["layers"] = "9", ["width"] = "20", ["instances"] = "12", ["guess"] = "coin", ["tasks"] = "6", ["seed"] = "4" } },
    };

    [Theory]
    [MemberData(nameof(Jobs))]
    public async Task ResultsAreIdenticalPinnedScatteredAndAuto(string workload, Dictionary<string, string> parameters)
    {
        var plan = WorkloadCatalog.Get(workload).Plan(parameters);
        var pinned = await JobDriver.RunCompletedAsync(fixture.Client, workload, parameters, JobMode.Pinned, 0);
        Assert.Equal((plan.Work, plan.Span), (pinned.Profile!.Work, pinned.Profile.Span));
        foreach (var parallelism in new[] { 1, 2, 4 })
        {
            var scattered = await JobDriver.RunCompletedAsync(fixture.Client, workload, parameters, JobMode.Scatter, parallelism);
            Assert.Equal(pinned.ResultJson, scattered.ResultJson);
            Assert.Equal(scattered.UnitsTotal, scattered.UnitsDone);
        }

        var auto = await JobDriver.RunCompletedAsync(fixture.Client, workload, parameters, JobMode.Auto, 2);
        Assert.Equal(pinned.ResultJson, auto.ResultJson);
    }
}
