using SerialCluster.Analysis.Caveats;
using SerialCluster.Analysis.Scaling;

namespace SerialCluster.Analysis.Tests.Caveats;

public sealed class LoadDuringRunTests
{
    [Fact]
    public void ForeignLoadAboveAQuarterOfTheCoresMakesTheMachineBusy()
    {
        Assert.True(new LoadDuringRun(0.1, 1.3, 2).IsBusy);
        Assert.True(new LoadDuringRun(0.8, null, 2).IsBusy);
        Assert.False(new LoadDuringRun(0.1, 0.2, 2).IsBusy);
    }

    [Fact]
    public void WithoutForeignLoadTheLoadAverageBeforeTheRunDecides()
    {
        Assert.True(new LoadDuringRun(null, null, 2, LoadAverageBefore: 3.5, LoadAverageAfter: 0.1).IsBusy);
        Assert.False(new LoadDuringRun(null, null, 2, LoadAverageBefore: 0.4, LoadAverageAfter: 6.0).IsBusy);
        Assert.False(new LoadDuringRun(null, null, 2).IsBusy);
    }

    [Fact]
    public void ABusyMachineTurnsAVerdictIntoInconclusiveAndKeepsWhatWasMeasured()
    {
        var load = new LoadDuringRun(1.2, 1.4, 2, 3.1, 3.9);

        var verdict = load.Qualify("parallel, but overhead-bound: 40% of the ideal; batch more work per task");

        Assert.StartsWith(
            "inconclusive: the machine was busy (other programs kept 1.2 → 1.4 of 2 cores busy (load average 3.1 → 3.9))", verdict, StringComparison.Ordinal);
        Assert.EndsWith("Measured: parallel, but overhead-bound: 40% of the ideal; batch more work per task", verdict, StringComparison.Ordinal);
        Assert.Equal("serial", new LoadDuringRun(0, 0, 2).Qualify("serial"));
    }

    [Fact]
    public void AnOverheadBoundDemoOnABusyMachineIsInconclusiveNotAdvice()
    {
        var verdict = ScalingVerdict.Describe(planBound: 2, measuredSpeedup: 0.9, processors: 2, machineCores: 2, new LoadDuringRun(1.5, 1.1, 2));

        Assert.StartsWith("inconclusive", verdict, StringComparison.Ordinal);
        Assert.StartsWith("parallel, but overhead-bound", ScalingVerdict.Describe(2, 0.9, 2, 2, new LoadDuringRun(0, 0, 2)), StringComparison.Ordinal);
    }
}
