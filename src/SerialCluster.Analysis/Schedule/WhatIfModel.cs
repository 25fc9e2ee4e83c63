namespace SerialCluster.Analysis.Schedule;

/// <summary>
/// A measured job ready for what-if questions: its stages' task times, the cores it ran on, its wall time, the fixed
/// time it spent outside its stages (planning, the cost model's probe, result assembly: no machine change shortens it
/// in this model), and the dispatch time per task calibrated so the simulated stages take the measured stage time.
/// </summary>
public sealed record WhatIfModel(IReadOnlyList<StageCosts> Stages, int MeasuredCores, double MeasuredWallSeconds, double DispatchSeconds, double FixedSeconds = 0)
{
    /// <param name="fixedSeconds">Measured wall time outside every stage; the rest of the wall time is the stages'.</param>
    public static WhatIfModel Calibrate(IReadOnlyList<StageCosts> stages, int measuredCores, double measuredWallSeconds, double fixedSeconds = 0)
    {
        var fixedPart = Math.Clamp(fixedSeconds, 0, measuredWallSeconds);
        return new(stages, measuredCores, measuredWallSeconds, ScheduleSimulator.CalibrateDispatch(stages, measuredCores, measuredWallSeconds - fixedPart), fixedPart);
    }

    public double WorkSeconds => Stages.Sum(s => s.WorkSeconds);

    public double SpanSeconds => Stages.Sum(s => s.SpanSeconds);

    public double Predict(MachineScenario machine) => FixedSeconds + ScheduleSimulator.Makespan(Stages, machine, DispatchSeconds);

    /// <summary>"More cores or faster cores?": doubling the cores against cores twice as fast, from the measured machine.</summary>
    public WhatIfAnswer Answer(double factor = 2)
    {
        var baseline = Predict(new MachineScenario(MeasuredCores, 1));
        var moreCores = Predict(new MachineScenario((int)Math.Round(MeasuredCores * factor), 1));
        var fasterCores = Predict(new MachineScenario(MeasuredCores, factor));
        return new WhatIfAnswer(factor, baseline, moreCores, fasterCores);
    }
}
