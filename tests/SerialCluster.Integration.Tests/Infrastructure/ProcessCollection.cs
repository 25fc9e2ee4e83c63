namespace SerialCluster.Integration.Tests.Infrastructure;

/// <summary>
/// The multi-process tests run one at a time: each starts several silo processes, and on a small machine
/// clusters starting side by side would only slow each other down (and disturb calibration).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessCollection
{
    public const string Name = "processes";
}
