namespace SerialCluster.Analysis.Scaling;

/// <summary>
/// Amdahl's law fitted to raw run times: T(P) = T1 · (f + (1 − f)/P), least squares over every run (not over
/// medians), so repeats weigh in and the standard error of the serial fraction f reflects the scatter. Against a
/// measured serial baseline (<see cref="FitAgainst"/>) T1 is held at T_serial, so f says how much of the best serial
/// run the parallel form fails to divide: f = 1 when no P beats one core (<see cref="Absolute"/>).
/// </summary>
public sealed record AmdahlFit(FittedParameter T1Seconds, FittedParameter SerialFraction, double RmseSeconds, int Observations, bool Absolute = false)
{
    /// <summary>Below this serial fraction f is 0 to the least-squares fitter's precision, and the limit 1/f is unbounded.</summary>
    public const double NegligibleFraction = 1e-6;

    /// <summary>The speedup limit 1/f: infinite for an f that is 0 to the fit's precision, never a huge finite number.</summary>
    public double MaxSpeedup => SerialFraction.Value > NegligibleFraction ? 1.0 / SerialFraction.Value : double.PositiveInfinity;

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

    /// <summary>
    /// Fits f alone with T1 held at <paramref name="serialSeconds"/>, the best serial run: S(P) = T_serial/T(P) is then
    /// absolute speedup, and a parallel form slower than the serial run at every P fits f = 1. Needs one run.
    /// </summary>
    public static AmdahlFit? FitAgainst(IReadOnlyList<Observation> observations, double serialSeconds)
    {
        if (observations.Count == 0 || !(serialSeconds > 0))
        {
            return null;
        }

        var (parameters, rmse) = CurveFitter.Fit(
            observations,
            (theta, p) => Time(theta[0], theta[1], p),
            initial: [serialSeconds, 0.5],
            lower: [serialSeconds * 0.999, 0],
            upper: [serialSeconds * 1.001, 1],
            isFixed: [true, false]);
        return new AmdahlFit(new FittedParameter(serialSeconds, 0), parameters[1], rmse, observations.Count, Absolute: true);
    }
}
