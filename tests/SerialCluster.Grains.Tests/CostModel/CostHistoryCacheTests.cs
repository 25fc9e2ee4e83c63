using SerialCluster.Abstractions.CostModel;
using SerialCluster.Grains.CostModel;

namespace SerialCluster.Grains.Tests.CostModel;

public sealed class CostHistoryCacheTests
{
    private static UnitCostHistory History(int jobs, double pinnedJob = 0.01) =>
        new(true, 0, 1e-8, 0, 1e-8, pinnedJob, 0.02, 0.0005, 0.0002, 0.002, jobs);

    [Fact]
    public void AHistoryReadOrRecordedIsKeptAndTheLatestWins()
    {
        var cache = new CostHistoryCache();
        Assert.Null(cache.Get("eca"));
        Assert.True(cache.IsStale("eca"));
        var read = cache.Put("eca", History(3));
        Assert.Equal(read, cache.Get("eca"));
        Assert.False(cache.IsStale("eca"));
        cache.Put("eca", History(4, pinnedJob: 0.03));
        Assert.Equal(4, cache.Get("eca")!.Jobs);
        Assert.Equal(0.03, cache.Get("eca")!.PinnedJobSeconds);
        Assert.Null(cache.Get("montecarlo"));
    }

    [Fact]
    public void AnEmptyHistoryIsNeverKept()
    {
        // A workload nobody has run yet: the next read must ask again, so the first record is seen at once.
        var cache = new CostHistoryCache();
        Assert.Equal(0, cache.Put("eca", History(0)).Jobs);
        Assert.Null(cache.Get("eca"));
        Assert.True(cache.IsStale("eca"));
    }
}
