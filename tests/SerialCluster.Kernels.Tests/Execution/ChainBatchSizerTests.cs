using System.Diagnostics;
using SerialCluster.Kernels.Execution;

namespace SerialCluster.Kernels.Tests.Execution;

public sealed class ChainBatchSizerTests
{
    [Fact]
    public void BatchesAimAtTheTargetDurationFromTheMeasuredStepCost()
    {
        var sizer = new ChainBatchSizer(TimeSpan.FromMilliseconds(50));
        var first = sizer.Next(long.MaxValue, 0);
        // Pretend each step took 1 µs.
        sizer.Observe(first * 1000, Stopwatch.Frequency * first * 1000 / 1_000_000);
        var next = sizer.Next(long.MaxValue, first * 1000);
        Assert.Equal(50_000, next, 1.0);
    }

    [Fact]
    public void BatchNeverExceedsWhatRemainsAndIsAtLeastOne()
    {
        var sizer = new ChainBatchSizer();
        Assert.Equal(3, sizer.Next(3, 0));
        sizer.Observe(1, Stopwatch.Frequency); // one step took a second
        Assert.Equal(1, sizer.Next(100, 1));
    }

    [Fact]
    public void GrowthIsBoundedWhileTheCostIsUnknown()
    {
        var sizer = new ChainBatchSizer();
        var first = sizer.Next(long.MaxValue, 0);
        sizer.Observe(first, 0); // too short to trust
        Assert.Equal(first * 16, sizer.Next(long.MaxValue, first));
    }
}
