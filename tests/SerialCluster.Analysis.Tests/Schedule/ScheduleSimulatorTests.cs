using SerialCluster.Analysis.Schedule;

namespace SerialCluster.Analysis.Tests.Schedule;

public sealed class ScheduleSimulatorTests
{
    private static readonly StageCosts[] ChainThenWide =
    [
        new("chain", Chain: true, [2.0]),
        new("wide", Chain: false, [.. Enumerable.Repeat(1.0, 8)]),
    ];

    [Fact]
    public void ChainIsUnchangedByCoresAndHalvedByASpeedOfTwo()
    {
        var chain = new[] { ChainThenWide[0] };

        Assert.Equal(2.0, ScheduleSimulator.Makespan(chain, new MachineScenario(64, 1), 0));
        Assert.Equal(1.0, ScheduleSimulator.Makespan(chain, new MachineScenario(1, 2), 0));
    }

    [Fact]
    public void WideStageIsListScheduled()
    {
        Assert.Equal(2 + 8, ScheduleSimulator.Makespan(ChainThenWide, new MachineScenario(1, 1), 0));
        Assert.Equal(2 + 4, ScheduleSimulator.Makespan(ChainThenWide, new MachineScenario(2, 1), 0));
        Assert.Equal(2 + 3, ScheduleSimulator.Makespan(ChainThenWide, new MachineScenario(3, 1), 0));
        Assert.Equal(2 + 1, ScheduleSimulator.Makespan(ChainThenWide, new MachineScenario(100, 1), 0));
        // Dispatch is paid per task and is not sped up: 8 tasks of 1 s + 0.1 s on 4 cores = 2 rounds of 1.1 s.
        Assert.Equal(2.1 + 2.2, ScheduleSimulator.Makespan(ChainThenWide, new MachineScenario(4, 1), 0.1), 9);
    }

    [Fact]
    public void CalibrationReproducesTheMeasuredWallTime()
    {
        var model = WhatIfModel.Calibrate(ChainThenWide, measuredCores: 2, measuredWallSeconds: 6.5);

        Assert.Equal(6.5, model.Predict(new MachineScenario(2, 1)), 6);
        // 0.5 s over 1 chain task + 4 rounds of tasks = 5 dispatches on the critical path.
        Assert.Equal(0.1, model.DispatchSeconds, 6);
    }

    [Fact]
    public void SerialJobWantsFasterCoresAndParallelJobMoreCores()
    {
        var serial = WhatIfModel.Calibrate([new StageCosts("chain", true, [4.0])], 2, 4.0).Answer();
        var parallel = WhatIfModel.Calibrate([new StageCosts("wide", false, [.. Enumerable.Repeat(0.5, 16)])], 2, 4.0).Answer();

        Assert.Equal("faster cores", serial.Choice);
        Assert.Equal(2.0, serial.FasterCoresSeconds, 9);
        Assert.Equal(4.0, serial.MoreCoresSeconds, 9);
        Assert.Equal("either", parallel.Choice);
    }

    [Fact]
    public void FixedTimeOutsideStagesIsKeptAndNotChargedToTasks()
    {
        var model = WhatIfModel.Calibrate(ChainThenWide, measuredCores: 2, measuredWallSeconds: 7.0, fixedSeconds: 1.0);

        Assert.Equal(7.0, model.Predict(new MachineScenario(2, 1)), 6);
        Assert.Equal(0, model.DispatchSeconds, 9);
        Assert.Equal(1.0 + 2 + 1, model.Predict(new MachineScenario(100, 1)), 6);
    }

    [Fact]
    public void AJobWithoutTasksCalibratesToNoDispatch() =>
        Assert.Equal(0, ScheduleSimulator.CalibrateDispatch([], measuredCores: 2, measuredWallSeconds: 1.0));
}
