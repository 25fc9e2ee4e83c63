using SerialCluster.Abstractions.Execution;
using SerialCluster.CostModel.Prediction;
using SerialCluster.Grains.CostModel;
using SerialCluster.Grains.Execution;
using SerialCluster.Grains.Placement;

namespace SerialCluster.Grains.Tests.Execution;

/// <summary>
/// Containers of one host each see every CPU they may use under a host name of their own: the coordinator counts the
/// cores they share once, in the cluster's total, the cost model's free cores, task placement and the foreign load.
/// </summary>
public sealed class SharedCpuTests
{
    [Fact]
    public void ComposeDefaultsHaveTwoCoresNotOnePerSilo()
    {
        var view = Containers.View(Containers.ComposeDefaults());
        Assert.Equal(2, view.TotalCores);
        Assert.Equal(1, ClusterView.CoresOf(TaskPlacement.ParallelSilos(view.Silos, 1, serialSilosTakeOverflow: true)));
        Assert.Equal([1, 3, 3, 3], view.Silos.Select(s => s.Share.Silos).ToArray());
    }

    [Fact]
    public void UnpinnedContainersOnATwoCpuHostHaveTwoCores()
    {
        var view = Containers.View(Containers.Unpinned());
        Assert.Equal(2, view.TotalCores);
        var (figures, _) = CostAdvisor.Figures(view, parallelism: 4, serialSilosTakeOverflow: true);
        Assert.Equal(2, CostPredictor.ParallelSlots(figures));
    }

    [Fact]
    public void SilosOnSeparateHostsAddUp()
    {
        var view = Containers.View(
            Containers.Capacity("a", "0-3", 4, host: "boot:1"), Containers.Capacity("b", "0-3", 4, host: "boot:2"),
            Containers.Capacity("c", "0-1", 2, host: "boot:3"));
        Assert.Equal(10, view.TotalCores);
    }

    [Fact]
    public void ConfiguredCoresAreEachSilosOwn()
    {
        // Three silos of one process told their cores (UsableCoresOverride): the operator's word, weighed silo by silo.
        var view = Containers.View(
            Containers.Capacity("a", "0-1", 4, processId: 7) with { CoresDeclared = true },
            Containers.Capacity("b", "0-1", 2, processId: 7) with { CoresDeclared = true },
            Containers.Capacity("c", "0-1", 2, processId: 7) with { CoresDeclared = true });
        Assert.Equal(8, view.TotalCores);
        Assert.Equal([4, 2, 2], view.Silos.Select(s => s.Share.FreeCores).ToArray());
        Assert.All(view.Silos, s => Assert.Equal(1, s.Share.Silos));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ASharedCpuGetsNoMoreTasksThanItHasWhileAnotherIsIdle(int rotation)
    {
        // P = 2 on the compose defaults: the parallel silos' one CPU is fewer cores than P, so the serial silo takes the
        // overflow; the second task must go to its idle CPU, not to a second container on the busy one.
        var view = Containers.View(Containers.ComposeDefaults());
        var silos = TaskPlacement.ParallelSilos(view.Silos, 2, serialSilosTakeOverflow: true);
        Assert.Equal(4, silos.Count);
        var lost = new bool[silos.Count];
        var first = TaskPlacement.PickSilo(silos, lost, rotation);
        silos[first].InFlight++;
        var second = TaskPlacement.PickSilo(silos, lost, rotation + 1);
        Assert.NotSame(silos[first].Share, silos[second].Share);
        silos[second].InFlight++;
        Assert.All(silos, s => Assert.Equal(1.0, s.Load));
        silos[first].InFlight--;
        Assert.Equal(0.0, silos[first].Load);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void SlowSilosUnderQuotasTakeOneTaskEachBeforeAnyTakesASecond(int rotation)
    {
        // SILOS=8 CPU_QUOTA=0.25 on 2 CPUs: one CPU set, one shared load; P = 4 must land on four different silos.
        var view = Containers.View([.. Enumerable.Range(0, 8).Select(i => Containers.Capacity($"slow{i}", "0-1", 0.25, processId: 100 + i))]);
        Assert.All(view.Silos, s => Assert.Equal(1, s.Cores));
        var lost = new bool[view.Silos.Count];
        var picked = new List<int>();
        for (var task = 0; task < 8; task++)
        {
            var silo = TaskPlacement.PickSilo(view.Silos, lost, rotation);
            view.Silos[silo].InFlight++;
            picked.Add(silo);
        }

        Assert.Equal(8, picked.Distinct().Count());
    }

    [Fact]
    public void OtherJobsTasksOnASharedCpuAreNotFree()
    {
        var capacities = Containers.Unpinned();
        capacities[1] = capacities[1] with { RunningTasks = 1 };
        capacities[2] = capacities[2] with { RunningTasks = 1 };
        var view = Containers.View(capacities);
        Assert.All(view.Silos, s => Assert.Equal(1, s.Share.FreeCores)); // 2 CPUs less 2 tasks, at least 1
    }

    [Fact]
    public void TheClusterOwnWorkInOtherContainersIsNotForeignLoad()
    {
        // Every container's silo is process 1 there, and each sees both CPUs busy with the others' tasks.
        var capacities = Containers.Unpinned().Select((c, i) => c with { Load = Load(machineBusy: 2, processBusy: 0.5) }).ToArray();
        var view = Containers.View(capacities);
        Assert.Equal(0, view.ForeignBusyCoresOfAllMachines()!.Value, 9);
        var withOthers = Containers.Unpinned().Select(c => c with { Load = Load(machineBusy: 2, processBusy: 0.25) }).ToArray();
        Assert.Equal(1, Containers.View(withOthers).ForeignBusyCoresOfAllMachines()!.Value, 9);
    }

    [Fact]
    public void BusyCoresOfDisjointCpuSetsAddUp()
    {
        // silo-serial keeps CPU 0 busy, the three parallel silos CPU 1; another program nothing.
        var capacities = Containers.ComposeDefaults();
        capacities[0] = capacities[0] with { Load = Load(machineBusy: 1, processBusy: 1) };
        for (var i = 1; i < capacities.Length; i++)
        {
            capacities[i] = capacities[i] with { Load = Load(machineBusy: 1, processBusy: 1.0 / 3) };
        }

        Assert.Equal(0, Containers.View(capacities).ForeignBusyCoresOfAllMachines()!.Value, 9);
        capacities[0] = capacities[0] with { Load = Load(machineBusy: 1, processBusy: 0.5) };
        Assert.Equal(0.5, Containers.View(capacities).ForeignBusyCoresOfAllMachines()!.Value, 9);
    }

    private static CpuLoad Load(double machineBusy, double processBusy) => new(1, 100, 250, [machineBusy, machineBusy], [processBusy, processBusy]);
}
