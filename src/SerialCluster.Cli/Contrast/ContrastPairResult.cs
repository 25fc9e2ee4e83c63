namespace SerialCluster.Cli.Contrast;

/// <summary>A pair as measured: its definition and each side's measurements, in the pair's order.</summary>
public sealed record ContrastPairResult(ContrastPair Pair, IReadOnlyList<ContrastSideResult> Sides);
