using System.Net;
using SerialCluster.Grains.Placement;

namespace SerialCluster.Grains.Tests.Placement;

public sealed class SiloKeyTests
{
    [Fact]
    public void KeyCarriesTheSiloAddressWithItsGeneration()
    {
        var silo = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 42);
        var key = SiloKey.Format(silo, "job/0");
        Assert.True(SiloKey.TryGetSilo(key, out var named));
        Assert.Equal(silo.ToParsableString(), named);
        Assert.EndsWith("|job/0", key, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyWithoutASiloNamesNone() => Assert.False(SiloKey.TryGetSilo("plain-key", out _));
}
