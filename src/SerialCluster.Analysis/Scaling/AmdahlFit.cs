namespace SerialCluster.Analysis.Scaling;

/// <summary>
/// Amdahl's law fitted to raw run times: T(P) = T1 · (f + (1 − f)/P), least squares over every run (not over
/// medians), so repeats weigh in and the standard error of the serial fraction f reflects the scatter.
/// </summary>
public sealed record AmdahlFit(FittedParameter T1Seconds, FittedParameter SerialFraction, double RmseSeconds, int Observations)
{
    /// <summary>The speedup limit 1/f (infinite for f = 0).</summary>
    public double MaxSpeedup => SerialFraction.Value > 0 ? 1.0 / SerialFraction.Value : double.PositiveInfinity;

    public static double Time(double t1, double f, double p) => t1 * (f + ((1 - f) / p));

    public static double Speedup(double f, double p) => 1.0 / (f + ((1 - f) / p));

    public double Speedup(double p) => Speedup(SerialFraction.Value, p);

    /// <summary>Needs runs at two or more distinct P (one of them may be 1).</summary>
    public static AmdahlFit? Fit(IReadOnlyList<Observation> observations)
    {
        if (observations.Select(o => o.P).Distinct().Count() < 2)
        {
            return null;
        }

        var t1Guess = observations.Where(o => o.P == observations.Min(x => x.P)).Average(o => o.Seconds * 1.0);
        var (parameters, rmse) = CurveFitter.Fit(
            observations,
            (theta, p) => Time(theta[0], theta[1], p),
            initial: [t1Guess, 0.5],
            lower: [t1Guess * 1e-3, 0],
            upper: [t1Guess * 1e3, 1]);
        return new AmdahlFit(parameters[0], parameters[1], rmse, observations.Count);
    }
}
