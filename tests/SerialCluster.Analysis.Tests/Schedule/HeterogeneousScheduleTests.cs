using SerialCluster.Analysis.Schedule;

namespace SerialCluster.Analysis.Tests.Schedule;

/// <summary>
/// Cores of different speeds, scheduled as the dispatcher does: each task in plan order to the core that frees first
/// (ties to the faster core), chains on the fastest core. Every expected value below is worked out by hand in its comment.
/// </summary>
public sealed class HeterogeneousScheduleTests
{
    private static StageCosts Wide(params double[] tasks) => new("wide", Chain: false, tasks);

    [Fact]
    public void FourTasksOnAFastAndAHalfSpeedCoreTakeThreeSeconds()
    {
        // t=0: task 0 → fast (ends 1), task 1 → slow (1/0.5, ends 2); t=1: task 2 → fast (ends 2);
        // t=2: both free, task 3 → the faster (ends 3). Makespan 3 (two identical cores: 2; the fast one alone: 4).
        var machine = MachineScenario.Heterogeneous([1, 0.5]);

        Assert.Equal(3.0, ScheduleSimulator.Makespan([Wide(1, 1, 1, 1)], machine, 0));
        Assert.Equal(2.0, ScheduleSimulator.Makespan([Wide(1, 1, 1, 1)], new MachineScenario(2, 1), 0));
        Assert.Equal(4.0, ScheduleSimulator.Makespan([Wide(1, 1, 1, 1)], new MachineScenario(1, 1), 0));
    }

    [Fact]
    public void ASlowCoreThatFreesFirstTakesTheLastTaskAndLengthensTheStage()
    {
        // h = 0.1: fast 0 → 1.1 (task 0), slow 0 → 2.1 (task 1), fast 1.1 → 2.2 (task 2); task 3 goes to the core that
        // frees first, the slow one at 2.1: 2.1 + 1/0.5 + 0.1 = 4.2, although the fast core would have ended it at 3.3.
        // The dispatcher does the same: it never holds a task back for a faster silo.
        var machine = MachineScenario.Heterogeneous([1, 0.5]);

        Assert.Equal(2.1 + 2 + 0.1, ScheduleSimulator.Makespan([Wide(1, 1, 1, 1)], machine, 0.1), 12);
    }

    [Fact]
    public void TheSlowCoresOnlyTaskCanEndTheStage()
    {
        // [1, 0.4], three tasks of 1 s: the slow core's one task takes 2.5 s; the fast core runs the other two by 2 s.
        Assert.Equal(2.5, ScheduleSimulator.Makespan([Wide(1, 1, 1)], MachineScenario.Heterogeneous([1, 0.4]), 0), 12);
    }

    [Fact]
    public void UnequalTasksGoInPlanOrder()
    {
        // [2, 1], tasks 4, 1, 1, 2 s: t=0: 4 → fast (ends 2), 1 → slow (ends 1); t=1: 1 → slow (ends 2);
        // t=2: both free, 2 → fast (ends 3). Makespan 3.
        Assert.Equal(3.0, ScheduleSimulator.Makespan([Wide(4, 1, 1, 2)], MachineScenario.Heterogeneous([1, 2]), 0), 12);
    }

    [Fact]
    public void ChainsRunOnTheFastestCore()
    {
        StageCosts[] stages = [new("chain", Chain: true, [2.0]), Wide(1)];

        // The chain: 2 / 2 = 1 s; the single wide task also goes to the fastest free core: 1 / 2 = 0.5 s.
        Assert.Equal(1.5, ScheduleSimulator.Makespan(stages, MachineScenario.Heterogeneous([0.5, 2, 1]), 0), 12);
    }

    [Fact]
    public void TheOrderTheSpeedsAreGivenInDoesNotMatter()
    {
        var given = MachineScenario.Heterogeneous([0.5, 1, 0.25]);

        Assert.Equal(MachineScenario.Heterogeneous([1, 0.5, 0.25]), given);
        Assert.Equal(new[] { 1, 0.5, 0.25 }, given.CoreSpeeds!);
        Assert.Equal(3, given.Cores);
        Assert.Equal(1, given.Speed);
        Assert.Equal("[1, 0.5, 0.25]", given.Describe());
    }

    [Fact]
    public void IdenticalSpeedsReproduceTheSimulatorBeforeCoreSpeedsExactly()
    {
        var random = new Random(20261129);
        StageCosts[] stages =
        [
            new("chain", Chain: true, [0.7]),
            new("wide", Chain: false, [.. Enumerable.Range(0, 37).Select(_ => random.NextDouble())]),
            new("narrow", Chain: false, [0.3, 0.1]),
        ];

        foreach (var (cores, speed) in new[] { (1, 1.0), (2, 1.0), (3, 2.5), (8, 0.5), (64, 1.0) })
        {
            var uniform = new MachineScenario(cores, speed);
            var listed = MachineScenario.Heterogeneous([.. Enumerable.Repeat(speed, cores)]);
            var before = stages.Sum(s => MakespanBeforeCoreSpeeds(s, cores, speed, 0.013));
            Assert.Equal(before, ScheduleSimulator.Makespan(stages, uniform, 0.013));
            Assert.Equal(before, ScheduleSimulator.Makespan(stages, listed, 0.013));
        }
    }

    /// <summary>The simulator's stage makespan as it was before cores could differ (commit 9da20c8), kept as the reference.</summary>
    private static double MakespanBeforeCoreSpeeds(StageCosts stage, int cores, double speed, double dispatchSeconds)
    {
        if (stage.TaskSeconds.Count == 0)
        {
            return 0;
        }

        if (stage.Chain)
        {
            return stage.TaskSeconds.Sum(t => (t / speed) + dispatchSeconds);
        }

        var free = new PriorityQueue<int, double>();
        for (var core = 0; core < Math.Min(cores, stage.TaskSeconds.Count); core++)
        {
            free.Enqueue(core, 0);
        }

        var end = 0.0;
        foreach (var seconds in stage.TaskSeconds)
        {
            free.TryDequeue(out var core, out var at);
            var finish = at + (seconds / speed) + dispatchSeconds;
            end = Math.Max(end, finish);
            free.Enqueue(core, finish);
        }

        return end;
    }

    [Fact]
    public void ACheckOnAFastAndASlowedCoreUsesTheModelOfTheRunOnOneCore()
    {
        // Calibrated on one core: 4 tasks of 1 s measured in 4.4 s → h = 0.1. On [1, 0.5] that predicts 4.2 s (above).
        var model = WhatIfModel.Calibrate([Wide(1, 1, 1, 1)], measuredCores: 1, measuredWallSeconds: 4.4);
        var check = WhatIfCheck.On(model, MachineScenario.Heterogeneous([1, 0.5]), p: 2, measuredMedian: 4.0, measuredSpread: 0.05);

        Assert.Equal(0.1, model.DispatchSeconds, 9);
        Assert.Equal(4.2, check.PredictedSeconds, 9);
        Assert.Equal(2, check.Cores);
        Assert.Equal(0.15, check.Tolerance);
        Assert.Equal(0.05, check.RelativeError, 9);
        Assert.True(check.Within);
        Assert.Equal(new[] { 1, 0.5 }, check.Machine!.CoreSpeeds!);
    }

    [Fact]
    public void AtPOfOneACheckUsesTheFastestCoreOnly()
    {
        var model = WhatIfModel.Calibrate([Wide(1, 1, 1, 1)], measuredCores: 1, measuredWallSeconds: 4.0);

        Assert.Equal(4.0, WhatIfCheck.On(model, MachineScenario.Heterogeneous([0.5, 1]), p: 1, measuredMedian: 4.0, measuredSpread: 0).PredictedSeconds, 9);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void SpeedsMustBePositiveAndFinite(double speed) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MachineScenario.Heterogeneous([1, speed]));

    [Fact]
    public void AMachineNeedsACore() =>
        Assert.Throws<ArgumentException>(() => MachineScenario.Heterogeneous([]));

    [Fact]
    public void AListThatNoLongerMatchesTheCoreCountIsRefused() =>
        Assert.Throws<ArgumentException>(() => ScheduleSimulator.Makespan([Wide(1)], MachineScenario.Heterogeneous([1, 0.5]) with { Cores = 3 }, 0));
}
