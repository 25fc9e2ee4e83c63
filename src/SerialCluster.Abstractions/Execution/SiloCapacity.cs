namespace SerialCluster.Abstractions.Execution;

/// <summary>What a silo offers for parallel work: its name, the machine it runs on and the cores it may use.</summary>
[GenerateSerializer]
[Immutable]
[Alias("SerialCluster.SiloCapacity")]
public sealed record SiloCapacity(
    [property: Id(0)] string Silo,
    [property: Id(1)] string Machine,
    [property: Id(2)] int Cores);
