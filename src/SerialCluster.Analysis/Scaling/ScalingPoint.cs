namespace SerialCluster.Analysis.Scaling;

/// <summary>
/// One parallelism of a sweep: its runs' median, fastest and slowest wall time, relative spread ((max − min)/median),
/// speedup, efficiency and Karp–Flatt e(P) against the analysis' baseline (absolute — against the best serial run —
/// when the sweep measured one, see <see cref="ScalingAnalysis.Serial"/>), the relative speedup T_mode(1)/T_mode(P)
/// ("scalability": the same mode against its own P = 1), and whether P exceeds the cores available (then the point
/// shows saturation, not parallel speedup).
/// </summary>
public sealed record ScalingPoint(
    int P,
    int Runs,
    double MedianSeconds,
    double MinSeconds,
    double MaxSeconds,
    double Spread,
    double Speedup,
    double Efficiency,
    double KarpFlatt,
    bool Saturated,
    double RelativeSpeedup);
