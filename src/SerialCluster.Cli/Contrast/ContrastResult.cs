using SerialCluster.CostModel.Cores;

namespace SerialCluster.Cli.Contrast;

/// <summary>
/// Everything <c>contrast</c> measured: the target time, the cluster, the P swept, every pair and every span series.
/// <see cref="MachineCores"/> is where saturation starts: this machine's cores, or on a cluster of slow silos under equal
/// CPU quotas (<see cref="Unit"/>) their number, P counting silos.
/// </summary>
public sealed record ContrastResult(
    double TargetSeconds, string Cluster, int Cores, int MachineCores, IReadOnlyList<int> Parallelisms, int Repeat,
    IReadOnlyList<ContrastPairResult> Pairs, IReadOnlyList<ContrastSpanResult> Spans, double ElapsedSeconds, ProcessorUnit? Unit = null)
{
    /// <summary>What <see cref="Cores"/> counts, plural: "cores", or "silos" where P counts slow silos.</summary>
    public string Noun => Unit?.Noun ?? "cores";

    /// <summary>What a pinned run and the sizing run on: "one core", or "one slow silo".</summary>
    public string One => Unit is { IsSilo: true } ? "one slow silo" : "one core";
}
