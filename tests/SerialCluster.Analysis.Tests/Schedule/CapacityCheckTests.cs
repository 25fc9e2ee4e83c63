using SerialCluster.Analysis.Schedule;

namespace SerialCluster.Analysis.Tests.Schedule;

/// <summary>A whatif check on the capacity a sweep's control measured: the expected values are worked out by hand.</summary>
public sealed class CapacityCheckTests
{
    private static StageCosts Wide(params double[] tasks) => new("wide", Chain: false, tasks);

    [Fact]
    public void TwoCoresDeliveringOnePointFiveBecomeAFullAndAHalfSpeedCore()
    {
        // 4 tasks of 1 s, no dispatch cost: on [1, 0.5] fast 0→1, slow 0→2, fast 1→2, then task 3 to the faster at 2 → 3.
        var model = WhatIfModel.Calibrate([Wide(1, 1, 1, 1)], measuredCores: 1, measuredWallSeconds: 4.0);

        var check = WhatIfCheck.OnCapacity(model, p: 2, machineCores: 2, capacity: 1.5, measuredMedian: 3.0, measuredSpread: 0);

        Assert.Equal(new[] { 1, 0.5 }, check.Machine!.CoreSpeeds!);
        Assert.Equal(3.0, check.PredictedSeconds, 9);
        Assert.Equal(2, check.Cores);
        Assert.True(check.Within);
    }

    [Fact]
    public void ChainsRunOnTheFullSpeedCore()
    {
        // A 2 s chain then two 1 s tasks on C(2) = 1.5: chain on the fast core 0→2, tasks: fast 2→3, slow 2→4.
        var model = WhatIfModel.Calibrate([new StageCosts("chain", Chain: true, [2]), Wide(1, 1)], measuredCores: 1, measuredWallSeconds: 4.0);

        Assert.Equal(4.0, WhatIfCheck.OnCapacity(model, 2, 2, 1.5, 4.0, 0).PredictedSeconds, 9);
    }

    [Theory]
    [InlineData(1, 2, 1.0)]
    [InlineData(2, 2, 2.0)]
    [InlineData(2, 2, 2.3)]
    [InlineData(4, 2, double.NaN)]
    public void IdealOrMissingCapacityIsThePlainCheck(int p, int cores, double capacity)
    {
        var model = WhatIfModel.Calibrate([Wide(1, 1, 1, 1)], measuredCores: 1, measuredWallSeconds: 4.0);

        var check = WhatIfCheck.OnCapacity(model, p, cores, capacity, 2.0, 0);

        Assert.Equal(WhatIfCheck.Of(model, p, cores, 2.0, 0), check);
        Assert.Null(check.Machine);
    }

    [Fact]
    public void CapacityBelowOneSlowsEveryCore()
    {
        // C(2) = 0.8: two cores at 0.4 each; 4 tasks of 1 s take 2.5 s each, two rounds: 5 s.
        var model = WhatIfModel.Calibrate([Wide(1, 1, 1, 1)], measuredCores: 1, measuredWallSeconds: 4.0);

        Assert.Equal(5.0, WhatIfCheck.OnCapacity(model, 2, 2, 0.8, 5.0, 0).PredictedSeconds, 9);
    }
}
