using SerialCluster.Abstractions.Jobs;
using SerialCluster.Grains.Execution;

namespace SerialCluster.Grains.Tests.Execution;

/// <summary>A worker's compiled plans go once no task has asked for them in <see cref="PlanCache.IdleAfter"/>; plans in use stay.</summary>
public sealed class PlanCacheTests
{
    private static readonly JobSpec Spec = new("hashchain", new() { ["steps"] = "10" }, JobMode.Scatter, 1);

    [Fact]
    public void PlansNotAskedForWithinIdleAfterAreDroppedAndPlansInUseStay()
    {
        var time = new ManualTime();
        using var cache = new PlanCache(time);
        var first = cache.Get("ended", Spec);
        cache.Get("running", Spec);
        Assert.Same(first, cache.Get("ended", Spec));

        time.Advance(PlanCache.IdleAfter / 2);
        cache.Get("running", Spec);
        Assert.Equal(0, cache.Sweep());
        time.Advance(PlanCache.IdleAfter / 2);
        cache.Get("running", Spec);

        Assert.Equal(1, cache.Sweep());
        Assert.Equal(1, cache.Count);
        Assert.NotSame(first, cache.Get("ended", Spec));
    }
}
