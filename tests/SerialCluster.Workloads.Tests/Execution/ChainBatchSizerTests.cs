using System.Diagnostics;
using SerialCluster.Workloads.Execution;

namespace SerialCluster.Workloads.Tests.Execution;

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

    [Fact]
    public void MinimumBatchKeepsDispatchUnderFivePercentOfCompute()
    {
        // 50 µs to dispatch a batch of 1 ns steps: at least 50e-6 / (0.05 · 1e-9) = 1,000,000 steps.
        Assert.Equal(1_000_000, ChainBatchSizer.MinimumStepsFor(50e-6, 1e-9));
        // Rounded up, never below one step.
        Assert.Equal(3, ChainBatchSizer.MinimumStepsFor(1e-6, 7e-6));
        Assert.Equal(1, ChainBatchSizer.MinimumStepsFor(1e-9, 1.0));
        // Unknown costs impose nothing.
        Assert.Equal(1, ChainBatchSizer.MinimumStepsFor(0, 1e-9));
        Assert.Equal(1, ChainBatchSizer.MinimumStepsFor(50e-6, double.NaN));
        foreach (var (dispatch, step) in new[] { (5e-6, 3e-9), (1e-3, 1e-6), (50e-6, 2.5e-7) })
        {
            var steps = ChainBatchSizer.MinimumStepsFor(dispatch, step);
            Assert.True(dispatch <= 0.05 * steps * step * (1 + 1e-12), $"dispatch {dispatch} s is over 5% of {steps} steps of {step} s");
            Assert.True(steps == 1 || dispatch > 0.05 * (steps - 1) * step, $"{steps} steps is more than the rule needs");
        }
    }

    [Fact]
    public void DispatchRuleOverridesAShortTargetAndTheGrowthCap()
    {
        // Target 1 ms of 1 µs steps = 1,000 steps, but a 1 ms dispatch needs 20,000 steps to stay under 5%.
        var sizer = new ChainBatchSizer(TimeSpan.FromMilliseconds(1), dispatchCost: TimeSpan.FromMilliseconds(1));
        sizer.Observe(1000, Stopwatch.Frequency / 1000); // 1,000 steps took 1 ms
        Assert.Equal(20_000, sizer.MinimumSteps);
        Assert.Equal(20_000, sizer.Next(long.MaxValue, 1000));
        // The growth cap (16× the last batch) yields to the rule too.
        Assert.Equal(20_000, sizer.Next(long.MaxValue, 10));
        // Never more than what remains.
        Assert.Equal(500, sizer.Next(500, 1000));
    }

    [Fact]
    public void WithoutADispatchCostBatchesFollowTheTargetAlone()
    {
        var sizer = new ChainBatchSizer(TimeSpan.FromMilliseconds(1));
        sizer.Observe(1000, Stopwatch.Frequency / 1000);
        Assert.Equal(1, sizer.MinimumSteps);
        Assert.Equal(1000, sizer.Next(long.MaxValue, 1000));
    }

    [Theory]
    [InlineData(1.0, 50)]
    [InlineData(2.0, 50)]
    [InlineData(0.5, 100)]
    [InlineData(0.25, 200)]
    [InlineData(0.1, 500)]
    [InlineData(0.05, 500)]
    [InlineData(0.0, 50)]
    public void UnderAQuotaBelowOneCoreTheTargetGrowsByOneOverTheQuotaUpToTenTimes(double usableCores, double milliseconds) =>
        Assert.Equal(milliseconds, ChainBatchSizer.TargetFor(usableCores).TotalMilliseconds, 6);
}
