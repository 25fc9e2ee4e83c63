namespace SerialCluster.Analysis.Schedule;

/// <summary>
/// A prediction held against a measurement: the simulated time at P (on min(P, cores) real cores), the measured median,
/// and the tolerance, max(<see cref="MinTolerance"/>, 2 × the measured runs' relative spread at that P).
/// </summary>
public sealed record WhatIfCheck(int P, int Cores, double PredictedSeconds, double MeasuredSeconds, double Tolerance)
{
    public const double MinTolerance = 0.15;

    public double RelativeError => (PredictedSeconds - MeasuredSeconds) / MeasuredSeconds;

    public bool Within => Math.Abs(RelativeError) <= Tolerance;

    public static WhatIfCheck Of(WhatIfModel model, int p, int machineCores, double measuredMedian, double measuredSpread)
    {
        var cores = Math.Min(p, machineCores);
        return new WhatIfCheck(p, cores, model.Predict(new MachineScenario(cores, 1)), measuredMedian, Math.Max(MinTolerance, 2 * measuredSpread));
    }
}
