namespace SerialCluster.Analysis.Schedule;

/// <summary>
/// A prediction held against a measurement: the simulated time at P (on min(P, cores) real cores, or on the cores of
/// <see cref="Machine"/> when they differ in speed), the measured median, and the tolerance, max(<see cref="MinTolerance"/>,
/// 2 × the measured runs' relative spread at that P).
/// </summary>
public sealed record WhatIfCheck(int P, int Cores, double PredictedSeconds, double MeasuredSeconds, double Tolerance, MachineScenario? Machine = null)
{
    public const double MinTolerance = 0.15;

    public double RelativeError => (PredictedSeconds - MeasuredSeconds) / MeasuredSeconds;

    public bool Within => Math.Abs(RelativeError) <= Tolerance;

    public static double ToleranceFor(double measuredSpread) => Math.Max(MinTolerance, 2 * measuredSpread);

    public static WhatIfCheck Of(WhatIfModel model, int p, int machineCores, double measuredMedian, double measuredSpread)
    {
        var cores = Math.Min(p, machineCores);
        return new WhatIfCheck(p, cores, model.Predict(new MachineScenario(cores, 1)), measuredMedian, ToleranceFor(measuredSpread));
    }

    /// <summary>A run at P whose tasks went to cores of these speeds (e.g. a fast silo and one slowed by a competing load).</summary>
    public static WhatIfCheck On(WhatIfModel model, MachineScenario machine, int p, double measuredMedian, double measuredSpread)
    {
        var used = Math.Min(p, machine.Cores);
        var scenario = machine.CoreSpeeds is { } speeds ? MachineScenario.Heterogeneous([.. speeds.Take(used)]) : machine with { Cores = used };
        return new WhatIfCheck(p, used, model.Predict(scenario), measuredMedian, ToleranceFor(measuredSpread), machine.IsHeterogeneous ? scenario : null);
    }
}
