using SerialCluster.CostModel.Cores;

namespace SerialCluster.CostModel.Tests.Cores;

/// <summary>The cluster's cores when silos share CPUs: the Docker Compose placements, an embedded cluster, real hosts, quotas.</summary>
public sealed class SharedCoresTests
{
    private const string Host = "boot-1";

    [Fact]
    public void ComposeDefaultsCountTheSerialCpuAndTheSharedParallelCpuOnce()
    {
        // silo-serial on CPU 0, `--scale silo=3` all on CPU 1: each container sees 1 of 1 cores.
        CoreClaim[] claims =
        [
            new(Host, "silo-serial/1", "0", 1),
            new(Host, "a1b2/1", "1", 1),
            new(Host, "c3d4/1", "1", 1),
            new(Host, "e5f6/1", "1", 1),
        ];
        Assert.Equal(2, SharedCores.Total(claims));
        Assert.Equal(1, SharedCores.SharingWith(claims[0], claims));
        Assert.Equal(3, SharedCores.SharingWith(claims[1], claims));
    }

    [Fact]
    public void UnpinnedContainersOnATwoCpuHostHaveTwoCores()
    {
        CoreClaim[] claims = [.. Enumerable.Range(0, 4).Select(i => new CoreClaim(Host, $"container{i}/1", "0-1", 2))];
        Assert.Equal(2, SharedCores.Total(claims));
        Assert.All(claims, c => Assert.Equal(4, SharedCores.SharingWith(c, claims)));
    }

    [Fact]
    public void SilosOfOneProcessShareItsCores()
    {
        // The embedded cluster: two silos in the CLI's process on a 2-CPU machine.
        CoreClaim[] claims = [new(Host, "laptop/4242", "0-1", 2), new(Host, "laptop/4242", "0-1", 2)];
        Assert.Equal(2, SharedCores.Total(claims));
    }

    [Fact]
    public void RealHostsAddUp()
    {
        CoreClaim[] claims = [new("boot-1", "a/10", "0-3", 4), new("boot-2", "b/10", "0-7", 8), new("boot-3", "c/10", "0-1", 2)];
        Assert.Equal(14, SharedCores.Total(claims));
        Assert.All(claims, c => Assert.Equal(1, SharedCores.SharingWith(c, claims)));
    }

    [Fact]
    public void QuotasOfSeparateProcessesAddUpWithinTheirCpus()
    {
        // `cpus: 0.5` on four unpinned containers of a 2-CPU host: each its own quota, together 2.
        CoreClaim[] halves = [.. Enumerable.Range(0, 4).Select(i => new CoreClaim(Host, $"c{i}/1", "0-1", 0.5))];
        Assert.Equal(2, SharedCores.Total(halves));
        // Two with 1.5 each cannot use more than the 2 CPUs they share.
        CoreClaim[] large = [new(Host, "a/1", "0-1", 1.5), new(Host, "b/1", "0-1", 1.5)];
        Assert.Equal(2, SharedCores.Total(large));
        // One quota'd container alone keeps its fraction.
        Assert.Equal(1.5, SharedCores.Total([new CoreClaim(Host, "a/1", "0-3", 1.5)]));
        // Silos of one process share one quota.
        Assert.Equal(1.5, SharedCores.Total([new CoreClaim(Host, "p/7", "0-3", 1.5), new CoreClaim(Host, "p/7", "0-3", 1.5)]));
    }

    [Fact]
    public void OverlappingSetsCountNoMoreThanTheirCpusTogether()
    {
        CoreClaim[] claims = [new(Host, "wide/1", "0-1", 2), new(Host, "narrow/1", "1", 1)];
        Assert.Equal(2, SharedCores.Total(claims));
        Assert.Equal(2, SharedCores.SharingWith(claims[1], claims));
        // The same set written two ways is one set.
        Assert.Equal(2, SharedCores.Total([new CoreClaim(Host, "a/1", "0,1", 2), new CoreClaim(Host, "b/1", "0-1", 2)]));
    }

    [Fact]
    public void UnknownCpuSetsCountEachProcessOnce()
    {
        // Where no CPU list can be read (not Linux), silos of one host and process still count once.
        CoreClaim[] claims = [new("mac", "mac/5", null, 8), new("mac", "mac/5", null, 8)];
        Assert.Equal(8, SharedCores.Total(claims));
        Assert.Equal(2, SharedCores.SharingWith(claims[0], claims));
    }

    [Fact]
    public void DeclaredCoresAreTheSilosOwn()
    {
        // Silos of one process whose cores the operator configured (placement tests, heterogeneity experiments).
        CoreClaim[] claims =
        [
            new(Host, "p/7/a", "0-1", 4, Declared: true), new(Host, "p/7/b", "0-1", 2, Declared: true),
            new(Host, "p/7/c", "0-1", 2, Declared: true), new(Host, "q/8", "0-1", 2),
        ];
        Assert.Equal(10, SharedCores.Total(claims));
        Assert.Equal(1, SharedCores.SharingWith(claims[0], claims));
        Assert.Equal(1, SharedCores.SharingWith(claims[3], claims));
        Assert.Single(SharedCores.Sets(claims));
    }

    [Fact]
    public void SetsGroupTheSilosThatShareCores()
    {
        CoreClaim[] claims = [new(Host, "s/1", "0", 1), new(Host, "a/1", "1", 1), new(Host, "b/1", "1", 1), new("boot-2", "c/1", "1", 1)];
        var sets = SharedCores.Sets(claims);
        Assert.Equal([1, 2, 1], sets.Select(s => s.Claims.Count).ToArray());
        Assert.Equal([1.0, 1.0, 1.0], sets.Select(s => s.Cores).ToArray());
    }
}
