using SerialCluster.Abstractions.Calibration;
using SerialCluster.Grains.Execution;
using SerialCluster.Grains.Placement;

namespace SerialCluster.Grains.Tests.Placement;

public sealed class ChainPlacementTests
{
    [Fact]
    public void ChainsGoToTheHighestSingleThreadScoreAmongSilosThatTakeChains()
    {
        SiloSlot[] silos =
        [
            SiloSlots.Of(11111, score: 1.0),
            SiloSlots.Of(11112, score: 3.0, role: SiloRole.Parallel),
            SiloSlots.Of(11113, score: 2.0, role: SiloRole.Serial),
        ];
        Assert.Same(silos[2], ChainPlacement.SerialSilo(silos));
    }

    [Fact]
    public void EqualScoresGoToFewerRunningChainsThenAddressOrder()
    {
        SiloSlot[] silos = [SiloSlots.Of(11111, score: 2.0, runningChains: 1), SiloSlots.Of(11112, score: 2.0), SiloSlots.Of(11113, score: 2.0)];
        Assert.Same(silos[1], ChainPlacement.SerialSilo(silos));
    }

    [Fact]
    public void BeforeCalibrationTheSiloWithFewestRunningChainsTakesTheChain()
    {
        SiloSlot[] silos = [SiloSlots.Of(11111, runningChains: 2), SiloSlots.Of(11112, runningChains: 1), SiloSlots.Of(11113, runningChains: 1)];
        Assert.Same(silos[1], ChainPlacement.SerialSilo(silos));
    }

    [Fact]
    public void WhenNoSiloTakesChainsEverySiloIsACandidate()
    {
        SiloSlot[] silos = [SiloSlots.Of(11111, role: SiloRole.Parallel, score: 1.0), SiloSlots.Of(11112, role: SiloRole.Parallel, score: 2.0)];
        Assert.Same(silos[1], ChainPlacement.SerialSilo(silos));
    }
}
