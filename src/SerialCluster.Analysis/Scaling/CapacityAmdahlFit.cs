namespace SerialCluster.Analysis.Scaling;

/// <summary>
/// Amdahl's law against the cores the machine measurably delivered instead of ideal ones: T(P) = T1 · (f + (1 − f)/C(P)),
/// where C(P) is the capacity P busy cores showed on an embarrassingly parallel control (<see cref="CoreCapacity"/>).
/// The serial part runs on one core, which no other work slows; the parallel part gets C(P) cores' worth of compute.
/// Where C(P) = P this is exactly <see cref="AmdahlFit"/>. Least squares over every run with a measured capacity.
/// </summary>
public sealed record CapacityAmdahlFit(
    FittedParameter T1Seconds, FittedParameter SerialFraction, double RmseSeconds, int Observations, IReadOnlyDictionary<int, double> Capacity)
{
    public static double Time(double t1, double f, double capacity) => t1 * (f + ((1 - f) / capacity));

    public static double Speedup(double f, double capacity) => 1.0 / (f + ((1 - f) / capacity));

    /// <summary>The fitted speedup at P on its measured capacity; NaN where no capacity was measured at P.</summary>
    public double Speedup(int p) => Capacity.TryGetValue(p, out var c) ? Speedup(SerialFraction.Value, c) : double.NaN;

    /// <summary>
    /// Fits the runs whose P has a measured capacity; null unless they span two distinct P or no capacity differs from 1
    /// (then nothing separates f from the run-time noise).
    /// </summary>
    /// <param name="serialSeconds">T_serial, the best serial run: T1 is held there (absolute); null fits T1 too (relative).</param>
    public static CapacityAmdahlFit? Fit(IReadOnlyList<Observation> observations, IReadOnlyList<CoreCapacity> capacities, double? serialSeconds = null)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(capacities);
        var capacity = capacities.Where(c => double.IsFinite(c.Capacity) && c.Capacity > 0).ToDictionary(c => c.P, c => c.Capacity);
        var usable = observations.Where(o => capacity.ContainsKey(o.P)).ToList();
        if (usable.Select(o => o.P).Distinct().Count() < 2 || usable.Select(o => capacity[o.P]).Distinct().Count() < 2)
        {
            return null;
        }

        var lowest = usable.Min(o => capacity[o.P]);
        var t1Guess = serialSeconds ?? usable.Where(o => capacity[o.P] == lowest).Average(o => o.Seconds) * lowest;
        var (parameters, rmse) = CurveFitter.Fit(
            usable,
            (theta, p) => Time(theta[0], theta[1], capacity[(int)p]),
            initial: [t1Guess, 0.5],
            lower: [t1Guess * (serialSeconds is null ? 1e-3 : 0.999), 0],
            upper: [t1Guess * (serialSeconds is null ? 1e3 : 1.001), 1],
            isFixed: serialSeconds is null ? null : [true, false]);
        return new CapacityAmdahlFit(parameters[0], parameters[1], rmse, usable.Count, capacity);
    }
}
