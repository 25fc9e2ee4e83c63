using System.Net;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Grains.Placement;

namespace SerialCluster.Grains.Tests.Calibration;

[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class ProbeGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task EachSilosProbeAnswersFromThatSilo()
    {
        foreach (var silo in fixture.Cluster.Silos)
        {
            var home = await fixture.Client.GetGrain<IProbeGrain>(SiloKey.Format(silo.SiloAddress, "probe")).PingAsync();
            Assert.Equal(silo.SiloAddress, home);
        }
    }

    [Fact]
    public async Task AProbeAwayFromTheSiloItsKeyNamesSaysWhereItIs()
    {
        // No silo has this address, so placement puts the probe elsewhere; its answer tells the caller so.
        var absent = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 1), 1);
        var home = await fixture.Client.GetGrain<IProbeGrain>(SiloKey.Format(absent, "probe")).PingAsync();
        Assert.NotEqual(absent, home);
        Assert.Contains(home, fixture.Cluster.Silos.Select(s => s.SiloAddress));
    }
}
