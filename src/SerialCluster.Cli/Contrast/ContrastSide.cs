namespace SerialCluster.Cli.Contrast;

/// <summary>
/// One side of a pair: a label, a workload and its parameters at a size. A side with its own <see cref="Sizing"/> is sized
/// to the target time by itself; without, it runs at the size its pair's first side was given (same parameters, another
/// algorithm: the comparison the pair is about). <see cref="SizeName"/> names its size parameter where it differs from the pair's.
/// </summary>
public sealed record ContrastSide(
    string Label,
    string Workload,
    Func<long, Dictionary<string, string>> At,
    ContrastSizing? Sizing = null,
    string? SizeName = null);
