namespace SerialCluster.Analysis.Scaling;

/// <summary>
/// One parallelism of a sweep: its runs' median, fastest and slowest wall time, relative spread ((max − min)/median),
/// speedup and efficiency against the median at P = 1, Karp–Flatt e(P), and whether P exceeds the cores available
/// (then the point shows saturation, not parallel speedup).
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
    bool Saturated);
