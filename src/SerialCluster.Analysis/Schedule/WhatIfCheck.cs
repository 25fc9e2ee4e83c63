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

    /// <summary>
    /// A run at P on cores that together delivered <paramref name="capacity"/> (C(P), measured by a sweep's capacity
    /// control) instead of min(P, cores): one core at full speed (a chain runs alone, slowed by nothing) and the other
    /// cores sharing the rest, C(P) − 1; at C(P) ≤ 1 every core gets C(P)/cores. At C(P) ≥ the cores, or without a
    /// finite capacity, this is <see cref="Of"/>.
    /// </summary>
    public static WhatIfCheck OnCapacity(WhatIfModel model, int p, int machineCores, double capacity, double measuredMedian, double measuredSpread)
    {
        var cores = Math.Min(p, machineCores);
        if (cores <= 1 || !double.IsFinite(capacity) || capacity <= 0 || capacity >= cores)
        {
            return Of(model, p, machineCores, measuredMedian, measuredSpread);
        }

        double[] speeds = capacity > 1
            ? [1, .. Enumerable.Repeat((capacity - 1) / (cores - 1), cores - 1)]
            : [.. Enumerable.Repeat(capacity / cores, cores)];
        var machine = MachineScenario.Heterogeneous(speeds);
        return new WhatIfCheck(p, cores, model.Predict(machine), measuredMedian, ToleranceFor(measuredSpread), machine);
    }

    /// <summary>A run at P whose tasks went to cores of these speeds (e.g. a fast silo and one slowed by a competing load).</summary>
    public static WhatIfCheck On(WhatIfModel model, MachineScenario machine, int p, double measuredMedian, double measuredSpread)
    {
        var used = Math.Min(p, machine.Cores);
        var scenario = machine.CoreSpeeds is { } speeds ? MachineScenario.Heterogeneous([.. speeds.Take(used)]) : machine with { Cores = used };
        return new WhatIfCheck(p, used, model.Predict(scenario), measuredMedian, ToleranceFor(measuredSpread), machine.IsHeterogeneous ? scenario : null);
    }
}
