using System.Text.Json.Nodes;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Grains.Execution;
using SerialCluster.Workloads.Execution;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Grains.Tests.Execution;

/// <summary>Wide stages of many tiny tasks go out in batches: same result, every task counted, every silo used.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class BatchedDispatchTests(ClusterFixture fixture)
{
    [Fact]
    public async Task ManyTinyTasksGiveTheLocalResultAndCountEveryTask()
    {
        var parameters = new Dictionary<string, string> { ["samples"] = "20000", ["tasks"] = "5000", ["seed"] = "11" };
        Assert.True(BatchedStageDispatcher.Applies(WorkloadCatalog.Get("montecarlo").Plan(parameters).Stages[0]));
        var local = LocalPlanRunner.Run(WorkloadCatalog.Get("montecarlo").Plan(parameters), parallelism: 2);
        var status = await JobDriver.RunCompletedAsync(fixture.Client, "montecarlo", parameters, JobMode.Scatter, ClusterFixture.SiloCount);
        Assert.Equal(local.Result.ToJsonString(), JsonNode.Parse(status.ResultJson!)!.ToJsonString());
        Assert.Equal(5000, status.Profile!.Tasks);
        Assert.Equal(5000, status.Profile.Silos.Values.Sum());
        Assert.Equal(ClusterFixture.SiloCount, status.Profile.Silos.Count);
        Assert.Equal(20000, status.UnitsDone);
        // Batched: far fewer worker calls than tasks (the first tasks go one per call until one is measured).
        var calls = status.Profile.StageProfiles.Single().Calls;
        Assert.InRange(calls, 1, 5000 / 4);
    }

    [Fact]
    public async Task StagesBelowTheBatchingThresholdSendOneCallPerTask()
    {
        var parameters = new Dictionary<string, string> { ["samples"] = "20000", ["tasks"] = "16", ["seed"] = "11" };
        Assert.False(BatchedStageDispatcher.Applies(WorkloadCatalog.Get("montecarlo").Plan(parameters).Stages[0]));
        var status = await JobDriver.RunCompletedAsync(fixture.Client, "montecarlo", parameters, JobMode.Scatter, ClusterFixture.SiloCount);
        Assert.Equal(16, status.Profile!.StageProfiles.Single().Calls);
    }

    [Fact]
    public async Task ResultsMatchAcrossParallelismWhenBatched()
    {
        var parameters = new Dictionary<string, string> { ["serialFraction"] = "0.1", ["work"] = "20000", ["tasks"] = "300" };
        var pinned = await JobDriver.RunCompletedAsync(fixture.Client, "amdahl", parameters, JobMode.Pinned, 0);
        foreach (var parallelism in new[] { 1, 2, 5 })
        {
            var scattered = await JobDriver.RunCompletedAsync(fixture.Client, "amdahl", parameters, JobMode.Scatter, parallelism);
            Assert.Equal(pinned.ResultJson, scattered.ResultJson);
            Assert.Equal(301, scattered.Profile!.Tasks);
        }
    }
}
