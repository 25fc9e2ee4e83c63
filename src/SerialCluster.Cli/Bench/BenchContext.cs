using SerialCluster.Cli.Cluster;

namespace SerialCluster.Cli.Bench;

/// <summary>What every measurement of a bench run shares: the cluster, its client, the sizes, and where to say what is happening.</summary>
public sealed record BenchContext(
    IClusterClient Client,
    EmbeddedCluster Cluster,
    BenchSizes Sizes,
    Action<string> Say,
    CancellationToken CancellationToken)
{
    /// <summary>The parallelism of the "P = 2" figures: the machine's cores, at most 2 (the machine has 2).</summary>
    public int P { get; } = Math.Clamp(Environment.ProcessorCount, 1, 2);
}
