namespace SerialCluster.Analysis.Schedule;

/// <summary>
/// A measured job ready for what-if questions: its stages' task times, the cores it ran on, its wall time, and the
/// dispatch time per task calibrated so the simulation reproduces that wall time on the measured machine.
/// </summary>
public sealed record WhatIfModel(IReadOnlyList<StageCosts> Stages, int MeasuredCores, double MeasuredWallSeconds, double DispatchSeconds)
{
    public static WhatIfModel Calibrate(IReadOnlyList<StageCosts> stages, int measuredCores, double measuredWallSeconds) =>
        new(stages, measuredCores, measuredWallSeconds, ScheduleSimulator.CalibrateDispatch(stages, measuredCores, measuredWallSeconds));

    public double WorkSeconds => Stages.Sum(s => s.WorkSeconds);

    public double SpanSeconds => Stages.Sum(s => s.SpanSeconds);

    public double Predict(MachineScenario machine) => ScheduleSimulator.Makespan(Stages, machine, DispatchSeconds);

    /// <summary>"More cores or faster cores?": doubling the cores against cores twice as fast, from the measured machine.</summary>
    public WhatIfAnswer Answer(double factor = 2)
    {
        var baseline = Predict(new MachineScenario(MeasuredCores, 1));
        var moreCores = Predict(new MachineScenario((int)Math.Round(MeasuredCores * factor), 1));
        var fasterCores = Predict(new MachineScenario(MeasuredCores, factor));
        return new WhatIfAnswer(factor, baseline, moreCores, fasterCores);
    }
}
