using SerialCluster.Abstractions.Jobs;
using SerialCluster.Workloads.Mdp;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Grains.Tests.Jobs;

/// <summary>mdp's <c>method=squaring</c> on the cluster: the same bits pinned and scattered at any P, and its units counted.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class MdpSquaringJobTests(ClusterFixture fixture)
{
    private static readonly Dictionary<string, string> Squaring = new()
    {
        ["preset"] = "random",
        ["states"] = "300",
        ["policy"] = "uniform",
        ["gamma"] = "0.99",
        ["horizon"] = "1000",
        ["tolerance"] = "0",
        ["method"] = "squaring",
        ["tasks"] = "5",
    };

    [Fact]
    public async Task SquaringIsBitIdenticalPinnedAndScatteredAtEveryParallelism()
    {
        var plan = WorkloadCatalog.Get("mdp").Plan(Squaring);
        var pinned = await JobDriver.RunCompletedAsync(fixture.Client, "mdp", Squaring, JobMode.Pinned, 0);
        Assert.Equal(plan.Work, pinned.Profile!.Work);
        foreach (var parallelism in new[] { 1, 3 })
        {
            var scattered = await JobDriver.RunCompletedAsync(fixture.Client, "mdp", Squaring, JobMode.Scatter, parallelism);
            Assert.Equal(pinned.ResultJson, scattered.ResultJson);
            Assert.Equal(MdpSquaringPlan.Levels(1000), scattered.Profile!.Stages);
            Assert.Equal((plan.Work, plan.Span), (scattered.Profile.Work, scattered.Profile.Span));
            Assert.Equal(scattered.UnitsTotal, scattered.UnitsDone);
        }
    }
}
