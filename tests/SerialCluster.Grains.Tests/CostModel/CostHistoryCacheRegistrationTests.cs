using Microsoft.Extensions.DependencyInjection;
using SerialCluster.Grains.CostModel;

namespace SerialCluster.Grains.Tests.CostModel;

/// <summary>The cost histories a coordinator reads are a service of its silo: one per silo, never shared across silos.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CostHistoryCacheRegistrationTests(ClusterFixture fixture)
{
    [Fact]
    public void EachSiloHasOneCacheOfItsOwn()
    {
        var caches = fixture.Cluster.Silos.Select(s => s.ServiceProvider.GetRequiredService<CostHistoryCache>()).ToList();
        Assert.Same(caches[0], fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<CostHistoryCache>());
        Assert.Equal(caches.Count, caches.Distinct().Count());
    }
}
