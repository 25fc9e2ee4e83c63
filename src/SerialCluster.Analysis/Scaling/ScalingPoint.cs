namespace SerialCluster.Analysis.Scaling;

/// <summary>
/// One parallelism of a sweep: its runs' median, range and spread, speedup, efficiency and Karp–Flatt against the
/// analysis' baseline, the relative T(1)/T(P) of the mode against itself, and whether P exceeds the cores (saturation).
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
