namespace SerialCluster.Analysis.Scaling;

/// <summary>The work–span bounds at one P, as times and as speedups over the measured T(1).</summary>
public sealed record BoundPoint(
    int P,
    double LowerBoundSeconds,
    double BrentSeconds,
    double BurdenedSeconds,
    double SpanSpeedup,
    double BrentSpeedup,
    double BurdenedSpeedup);
