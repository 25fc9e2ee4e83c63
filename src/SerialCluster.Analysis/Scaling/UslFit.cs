namespace SerialCluster.Analysis.Scaling;

/// <summary>
/// Gunther's Universal Scalability Law fitted to raw run times: C(N) = N / (1 + σ(N − 1) + κN(N − 1)), i.e.
/// T(N) = T1 · (1 + σ(N − 1) + κN(N − 1)) / N; σ is contention (Amdahl's serial fraction), κ coherency (cross-talk that
/// makes speedup fall past a peak at N* = √((1 − σ)/κ)). κ needs three or more distinct N; with two it is held at 0.
/// </summary>
public sealed record UslFit(
    FittedParameter T1Seconds, FittedParameter Sigma, FittedParameter Kappa, bool KappaFitted, double RmseSeconds, int Observations)
{
    /// <summary>N* = √((1 − σ)/κ), where capacity peaks; infinite when κ = 0.</summary>
    public double PeakN => Kappa.Value > 0 ? Math.Sqrt(Math.Max(0, 1 - Sigma.Value) / Kappa.Value) : double.PositiveInfinity;

    public static double Capacity(double sigma, double kappa, double n) => n / (1 + (sigma * (n - 1)) + (kappa * n * (n - 1)));

    public double Speedup(double n) => Capacity(Sigma.Value, Kappa.Value, n);

    public static UslFit? Fit(IReadOnlyList<Observation> observations)
    {
        var distinct = observations.Select(o => o.P).Distinct().Count();
        if (distinct < 2)
        {
            return null;
        }

        var kappaFitted = distinct >= 3;
        var t1Guess = observations.Where(o => o.P == observations.Min(x => x.P)).Average(o => o.Seconds * 1.0);
        var (parameters, rmse) = CurveFitter.Fit(
            observations,
            (theta, n) => theta[0] * (1 + (theta[1] * (n - 1)) + (theta[2] * n * (n - 1))) / n,
            initial: [t1Guess, 0.1, kappaFitted ? 0.01 : 0],
            lower: [t1Guess * 1e-3, 0, 0],
            upper: [t1Guess * 1e3, 1, 10],
            isFixed: [false, false, !kappaFitted]);
        return new UslFit(parameters[0], parameters[1], parameters[2], kappaFitted, rmse, observations.Count);
    }
}
