namespace SerialCluster.Grains.Hosting;

/// <summary>Names of the grain storage providers SerialCluster's grains use.</summary>
public static class SerialClusterStorage
{
    /// <summary>
    /// Where jobs keep their state: Redis in a silo host with <c>Clustering=redis</c>, in memory otherwise
    /// (registered by <see cref="SerialClusterSiloBuilderExtensions.AddSerialCluster"/> when the host registered none).
    /// </summary>
    public const string Jobs = "jobs";
}
