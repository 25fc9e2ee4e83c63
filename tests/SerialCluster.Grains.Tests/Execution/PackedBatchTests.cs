using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using SerialCluster.Abstractions.Execution;
using SerialCluster.Abstractions.Jobs;

namespace SerialCluster.Grains.Tests.Execution;

/// <summary>A batch sent to another silo carries its inputs and outputs packed: through the real serializer, every task's bytes come back as they were.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PackedBatchTests(ClusterFixture fixture)
{
    private static readonly byte[][] Items = [[1, 2, 3], [], [4], [5, 6, 7, 8, 9, 10, 11, 12]];

    [Fact]
    public void PackedRequestAndOutcomeRoundTripThroughTheSerializer()
    {
        var serializer = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<Serializer>();
        var request = new StageTaskBatchRequest("job", new JobSpec("montecarlo", [], JobMode.Scatter, 2), 0, 40, [], 1, PackedBytes.Pack(Items));
        var outcome = new StageTaskBatchOutcome([], [0.1, 0.2, 0.3, 0.4], "silo", PackedBytes.Pack(Items));

        var requestBack = serializer.Deserialize<StageTaskBatchRequest>(serializer.SerializeToArray(request)) ?? throw new InvalidOperationException("the request was not read back");
        var outcomeBack = serializer.Deserialize<StageTaskBatchOutcome>(serializer.SerializeToArray(outcome)) ?? throw new InvalidOperationException("the outcome was not read back");

        Assert.Equal(Items.Length, requestBack.Count);
        Assert.Equal(Items, Enumerable.Range(0, requestBack.Count).Select(requestBack.Input));
        Assert.Equal(Items.Length, outcomeBack.Count);
        Assert.Equal(Items, Enumerable.Range(0, outcomeBack.Count).Select(outcomeBack.Output));
    }

    [Fact]
    public void UnpackedBatchesReadTheirArraysAsTheyAre()
    {
        var request = new StageTaskBatchRequest("job", new JobSpec("montecarlo", [], JobMode.Scatter, 2), 0, 0, Items);

        Assert.Equal(Items.Length, request.Count);
        Assert.Same(Items[3], request.Input(3));
    }
}
