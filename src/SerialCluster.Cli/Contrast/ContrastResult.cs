namespace SerialCluster.Cli.Contrast;

/// <summary>Everything <c>contrast</c> measured: the target time, the cluster, the P swept, every pair and every span series.</summary>
public sealed record ContrastResult(
    double TargetSeconds, string Cluster, int Cores, int MachineCores, IReadOnlyList<int> Parallelisms, int Repeat,
    IReadOnlyList<ContrastPairResult> Pairs, IReadOnlyList<ContrastSpanResult> Spans, double ElapsedSeconds);
