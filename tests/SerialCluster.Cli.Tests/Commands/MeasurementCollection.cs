namespace SerialCluster.Cli.Tests.Commands;

/// <summary>
/// Measurements of the machine's own speed run alone, after every other test of this assembly (xUnit runs a collection
/// with parallelization disabled by itself): a sweep beside other tests' embedded clusters would measure them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasurementCollection
{
    public const string Name = "measurements";
}
