using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Ladder;
using SerialCluster.Grains.Placement;
using SerialCluster.Workloads.Hashing;

namespace SerialCluster.Grains.Tests.Ladder;

/// <summary>
/// The ladder's rungs on the three-silo test cluster: whatever boundary the state crosses every k steps, the chain
/// ends where the same chain run in one loop ends — checked with .NET's own SHA-256, not the native path the rungs use.
/// No timing is asserted.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class LadderGrainTests(ClusterFixture fixture)
{
    private static readonly byte[] Seed = [.. Enumerable.Range(0, 32).Select(i => (byte)(i * 7 + 3))];

    [Theory]
    [InlineData(LadderBoundary.Thread, 1)]
    [InlineData(LadderBoundary.Thread, 7)]
    [InlineData(LadderBoundary.LocalGrain, 1)]
    [InlineData(LadderBoundary.LocalGrain, 7)]
    [InlineData(LadderBoundary.OtherSilo, 1)]
    [InlineData(LadderBoundary.OtherSilo, 7)]
    [InlineData(LadderBoundary.Storage, 1)]
    [InlineData(LadderBoundary.Storage, 7)]
    public async Task EveryRungEndsWhereTheSameChainInOneLoopEnds(LadderBoundary boundary, int k)
    {
        var home = fixture.Cluster.Silos[0].SiloAddress;
        var peer = fixture.Cluster.Silos[1].SiloAddress;
        var driver = fixture.Client.GetGrain<ILadderGrain>(SiloKey.Format(home, "ladder"));

        var run = await driver.RunAsync(new LadderRequest(boundary, k, Seed, Seconds: 0, MinCrossings: 6, MaxSteps: 1000, peer));

        Assert.Equal(6, run.Crossings);
        Assert.Equal(6L * k, run.Steps);
        var expected = (byte[])Seed.Clone();
        Sha256Chain.IterateManaged(expected, run.Steps);
        Assert.Equal(expected, run.FinalState);
        if (boundary == LadderBoundary.OtherSilo)
        {
            Assert.Contains(peer.ToString(), run.Across, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ARungStopsAtItsStepLimitEvenBeforeItsCrossings()
    {
        var home = fixture.Cluster.Silos[0].SiloAddress;
        var driver = fixture.Client.GetGrain<ILadderGrain>(SiloKey.Format(home, "ladder"));

        var run = await driver.RunAsync(new LadderRequest(LadderBoundary.LocalGrain, 10, Seed, 0, MinCrossings: 6, MaxSteps: 35, home));

        Assert.Equal(3, run.Crossings);
        Assert.Equal(30, run.Steps);
    }

    [Fact]
    public async Task AStateOfTheWrongLengthIsRefusedNamingItsLength()
    {
        var home = fixture.Cluster.Silos[0].SiloAddress;
        var driver = fixture.Client.GetGrain<ILadderGrain>(SiloKey.Format(home, "ladder"));

        var refusal = await Assert.ThrowsAsync<ArgumentException>(
            () => driver.RunAsync(new LadderRequest(LadderBoundary.Thread, 1, new byte[31], 0, 1, 10, home)));

        Assert.Contains("32 bytes, not 31", refusal.Message, StringComparison.Ordinal);
    }
}
