namespace SerialCluster.Analysis.Schedule;

/// <summary>
/// A measured job ready for what-if questions: its stages' task times, the cores it ran on, its wall time, the fixed
/// time it spent outside its stages (planning, the cost model's probe, result assembly: no machine change shortens it
/// in this model), and the dispatch time per task calibrated so the simulated stages take the measured stage time.
/// </summary>
public sealed record WhatIfModel(
    IReadOnlyList<StageCosts> Stages,
    int MeasuredCores,
    double MeasuredWallSeconds,
    double DispatchSeconds,
    double FixedSeconds = 0)
{
    /// <param name="fixedSeconds">Measured wall time outside every stage; the rest of the wall time is the stages'.</param>
    public static WhatIfModel Calibrate(
        IReadOnlyList<StageCosts> stages, int measuredCores, double measuredWallSeconds, double fixedSeconds = 0)
    {
        var fixedPart = Math.Clamp(fixedSeconds, 0, measuredWallSeconds);
        var dispatch = ScheduleSimulator.CalibrateDispatch(stages, measuredCores, measuredWallSeconds - fixedPart);
        return new(stages, measuredCores, measuredWallSeconds, dispatch, fixedPart);
    }

    public double WorkSeconds => Stages.Sum(s => s.WorkSeconds);

    public double SpanSeconds => Stages.Sum(s => s.SpanSeconds);

    public double Predict(MachineScenario machine) => FixedSeconds + ScheduleSimulator.Makespan(Stages, machine, DispatchSeconds);

    /// <summary>
    /// "More cores or faster cores?": factor× the cores against cores factor× as fast, starting from
    /// <paramref name="cores"/> (default: the measured cores; a sweep asks it at the cluster's cores).
    /// </summary>
    public WhatIfAnswer Answer(double factor = 2, int? cores = null)
    {
        var from = Math.Max(1, cores ?? MeasuredCores);
        var baseline = Predict(new MachineScenario(from, 1));
        var moreCores = Predict(new MachineScenario((int)Math.Round(from * factor), 1));
        var fasterCores = Predict(new MachineScenario(from, factor));
        return new WhatIfAnswer(factor, from, baseline, moreCores, fasterCores);
    }
}
