using SerialCluster.Abstractions.Calibration;
using SerialCluster.Grains.Execution;
using SerialCluster.Grains.Placement;

namespace SerialCluster.Grains.Tests.Placement;

public sealed class TaskPlacementTests
{
    [Fact]
    public void TheNextTaskGoesToTheSiloWithTheLowestShareOfItsCoresInUse()
    {
        SiloSlot[] silos = [SiloSlots.Of(11111, cores: 2), SiloSlots.Of(11112, cores: 8)];
        silos[0].InFlight = 1;
        silos[1].InFlight = 3;
        Assert.Equal(1, TaskPlacement.PickSilo(silos, [false, false], rotation: 0));
        silos[1].InFlight = 5;
        Assert.Equal(0, TaskPlacement.PickSilo(silos, [false, false], rotation: 1));
    }

    [Fact]
    public void TiesRotateSoEqualSilosShareTheWork()
    {
        var silos = SiloSlots.Equal(3);
        var picked = Enumerable.Range(0, 6).Select(r => TaskPlacement.PickSilo(silos, [false, false, false], r)).ToArray();
        Assert.Equal([0, 1, 2, 0, 1, 2], picked);
    }

    [Fact]
    public void LostSilosGetNothingAndNoneLeftIsMinusOne()
    {
        var silos = SiloSlots.Equal(2);
        Assert.Equal(1, TaskPlacement.PickSilo(silos, [true, false], rotation: 0));
        Assert.Equal(-1, TaskPlacement.PickSilo(silos, [true, true], rotation: 0));
    }

    [Fact]
    public void SerialSilosTakeTasksOnlyWhenTheOthersHaveFewerCoresThanP()
    {
        SiloSlot[] silos = [SiloSlots.Of(11111, cores: 4, role: SiloRole.Serial), SiloSlots.Of(11112, cores: 4), SiloSlots.Of(11113, cores: 4)];
        Assert.Equal([silos[1], silos[2]], TaskPlacement.ParallelSilos(silos, parallelism: 8, serialSilosTakeOverflow: true));
        Assert.Equal(silos, TaskPlacement.ParallelSilos(silos, parallelism: 9, serialSilosTakeOverflow: true));
        Assert.Equal([silos[1], silos[2]], TaskPlacement.ParallelSilos(silos, parallelism: 9, serialSilosTakeOverflow: false));
    }

    [Fact]
    public void WithOnlySerialSilosEverySiloTakesTasks()
    {
        SiloSlot[] silos = [SiloSlots.Of(11111, role: SiloRole.Serial), SiloSlots.Of(11112, role: SiloRole.Serial)];
        Assert.Equal(silos, TaskPlacement.ParallelSilos(silos, parallelism: 1, serialSilosTakeOverflow: false));
    }
}
