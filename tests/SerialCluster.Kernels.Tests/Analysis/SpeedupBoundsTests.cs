using SerialCluster.Kernels.Analysis;
using SerialCluster.Kernels.Plans;

namespace SerialCluster.Kernels.Tests.Analysis;

public sealed class SpeedupBoundsTests
{
    [Fact]
    public void ChainCannotBeSpedUp() =>
        Assert.Equal(1.0, SpeedupBounds.PlanBound([StageSpec.Chain("c", 1000)], 64));

    [Fact]
    public void EqualTasksAreBoundedByTheSmallerOfPAndTaskCount()
    {
        var stage = StageSpec.Parallel("p", 8, 800, 100);
        Assert.Equal(2.0, SpeedupBounds.PlanBound([stage], 2), 12);
        Assert.Equal(8.0, SpeedupBounds.PlanBound([stage], 64), 12);
    }

    [Fact]
    public void ChainThenWideStageIsAmdahl()
    {
        // f = 0.25 serial, the rest perfectly divisible (1000 tasks): the bound is Amdahl's law.
        var stages = new[] { StageSpec.Chain("c", 250), StageSpec.Parallel("p", 750, 750, 1) };
        Assert.Equal(SpeedupBounds.Amdahl(0.25, 4), SpeedupBounds.PlanBound(stages, 4), 12);
    }

    [Fact]
    public void KarpFlattRecoversTheSerialFractionOfAnAmdahlSpeedup()
    {
        var speedup = SpeedupBounds.Amdahl(0.1, 8);
        Assert.Equal(0.1, SpeedupBounds.KarpFlatt(speedup, 8), 12);
        Assert.True(double.IsNaN(SpeedupBounds.KarpFlatt(1, 1)));
    }
}
