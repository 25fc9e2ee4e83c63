namespace SerialCluster.Analysis.Scaling;

/// <summary>
/// Amdahl against measured cores, fitted round by round: T_r(P) / T_r(1) = f + (1 − f) / C_r(P), with the capacity
/// C_r(P) = P · t_r(1 task) / t_r(P tasks) the control measured in the same round; least squares, linear in f. A machine
/// slower in one round moves that round's job and control together, so it cancels here, unlike the median-based
/// <see cref="CapacityAmdahlFit"/>.
/// </summary>
public sealed record PairedAmdahlFit(
    FittedParameter SerialFraction,
    double RmseRatio,
    int Points,
    int Rounds,
    IReadOnlyDictionary<int, double> Capacity)
{
    /// <summary>The fitted speedup at P on the median measured capacity; NaN where no capacity was measured at P.</summary>
    public double Speedup(int p) => Capacity.TryGetValue(p, out var c) ? CapacityAmdahlFit.Speedup(SerialFraction.Value, c) : double.NaN;

    /// <summary>
    /// Fits the rounds that have a job run and a control run at P = 1 and at some P &gt; 1 (runs at one P in one round
    /// averaged); null when no point has a capacity other than 1. f stays within [0, 1]; its error is NaN with one point.
    /// </summary>
    /// <param name="serial">The serial baseline's runs: each round's job time is divided by its serial run instead.</param>
    public static PairedAmdahlFit? Fit(
        IReadOnlyList<Observation> observations,
        IReadOnlyList<ControlRun> controls,
        IReadOnlyList<CoreCapacity> capacities,
        IReadOnlyList<Observation>? serial = null)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(controls);
        ArgumentNullException.ThrowIfNull(capacities);
        var job = observations.GroupBy(o => (o.Repeat, o.P)).ToDictionary(g => g.Key, g => g.Average(o => o.Seconds));
        var reference = serial is null ? job.Where(j => j.Key.P == 1).ToDictionary(j => j.Key.Repeat, j => j.Value)
            : serial.GroupBy(o => o.Repeat).ToDictionary(g => g.Key, g => g.Average(o => o.Seconds));
        var control = controls.GroupBy(c => (c.Repeat, c.P)).ToDictionary(g => g.Key, g => g.Average(c => c.Seconds));
        var points = new List<(int Round, double X, double Y)>();
        foreach (var ((round, p), seconds) in job.Where(j => j.Key.P > 1).OrderBy(j => j.Key.Repeat).ThenBy(j => j.Key.P))
        {
            if (reference.TryGetValue(round, out var alone)
                && control.TryGetValue((round, 1), out var controlAlone)
                && control.TryGetValue((round, p), out var controlAtP)
                && alone > 0 && controlAlone > 0 && controlAtP > 0)
            {
                var x = controlAtP / (p * controlAlone);
                if (double.IsFinite(x) && double.IsFinite(seconds / alone))
                {
                    points.Add((round, x, seconds / alone));
                }
            }
        }

        var sxx = points.Sum(q => (1 - q.X) * (1 - q.X));
        if (points.Count == 0 || !(sxx > 1e-12))
        {
            return null;
        }

        var f = Math.Clamp(points.Sum(q => (1 - q.X) * (q.Y - q.X)) / sxx, 0, 1);
        var squares = points.Sum(q => Math.Pow(q.Y - (f + ((1 - f) * q.X)), 2));
        var error = points.Count > 1 ? Math.Sqrt(squares / (points.Count - 1) / sxx) : double.NaN;
        var rounds = points.Select(q => q.Round).Distinct().Count();
        var capacity = capacities.Where(c => double.IsFinite(c.Capacity) && c.Capacity > 0).ToDictionary(c => c.P, c => c.Capacity);
        return new PairedAmdahlFit(new FittedParameter(f, error), Math.Sqrt(squares / points.Count), points.Count, rounds, capacity);
    }
}
