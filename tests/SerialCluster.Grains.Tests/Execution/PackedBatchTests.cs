using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using SerialCluster.Abstractions.Execution;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Grains.Placement;

namespace SerialCluster.Grains.Tests.Execution;

/// <summary>A batch sent to another silo carries its inputs and outputs packed: through the real serializer, every task's bytes come back as they
/// were.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class PackedBatchTests(ClusterFixture fixture)
{
    private static readonly byte[][] Items = [[1, 2, 3], [], [4], [5, 6, 7, 8, 9, 10, 11, 12]];

    [Fact]
    public void PackedRequestAndOutcomeRoundTripThroughTheSerializer()
    {
        var serializer = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<Serializer>();
        var request = new StageTaskBatchRequest("job", new JobSpec("montecarlo", [], JobMode.Scatter, 2), 0, 40, [], 1, PackedBytes.Pack(Items));
        var outcome = new StageTaskBatchOutcome([], [0.1, 0.2, 0.3, 0.4], "silo", PackedBytes.Pack(Items));

        var requestBack = serializer.Deserialize<StageTaskBatchRequest>(
            serializer.SerializeToArray(request)) ?? throw new InvalidOperationException("the request was not read back");
        var outcomeBack = serializer.Deserialize<StageTaskBatchOutcome>(
            serializer.SerializeToArray(outcome)) ?? throw new InvalidOperationException("the outcome was not read back");

        Assert.Equal(Items.Length, requestBack.Count);
        Assert.Equal(Items, Enumerable.Range(0, requestBack.Count).Select(requestBack.Input));
        Assert.Equal(Items.Length, outcomeBack.Count);
        Assert.Equal(Items, Enumerable.Range(0, outcomeBack.Count).Select(outcomeBack.Output));
    }

    [Fact]
    public async Task AWorkerMakesAPlannedBatchsInputsItselfAndAnswersAsTheCoordinatorWould()
    {
        // A first stage's batch carries no inputs: the worker makes them from the plan; packed or not, each output is
        // the plan's own for that task's input, made as the coordinator makes it.
        var parameters = new Dictionary<string, string> { ["samples"] = "1000", ["tasks"] = "100", ["seed"] = "5" };
        var spec = new JobSpec("montecarlo", parameters, JobMode.Scatter, 2);
        var plan = SerialCluster.Workloads.Plans.WorkloadCatalog.Get("montecarlo").Plan(parameters);
        var expected = Enumerable.Range(30, 20).Select(t => plan.RunTask(0, t, plan.CreateTaskInput(0, t, []), CancellationToken.None)).ToArray();
        var worker = fixture.Client.GetGrain<IWorkerGrain>(SiloKey.Format(fixture.Cluster.Silos[0].SiloAddress, "worker"));
        foreach (var pack in new[] { false, true })
        {
            var request = new StageTaskBatchRequest($"planned-{pack}", spec, 0, 30, [], -1, PlannedCount: 20, PackOutputs: pack);
            Assert.True(request.InputsFromPlan);
            Assert.Equal(20, request.Count);
            var outcome = await worker.RunTasksAsync(request);
            Assert.Equal(pack, outcome.PackedOutputs is not null);
            Assert.Equal(expected, Enumerable.Range(0, outcome.Count).Select(outcome.Output));
        }
    }

    [Fact]
    public void UnpackedBatchesReadTheirArraysAsTheyAre()
    {
        var request = new StageTaskBatchRequest("job", new JobSpec("montecarlo", [], JobMode.Scatter, 2), 0, 0, Items);

        Assert.Equal(Items.Length, request.Count);
        Assert.Same(Items[3], request.Input(3));
    }
}
