namespace SerialCluster.Abstractions.Execution;

/// <summary>A finished chain: its output, compute seconds (sum of batches), batch count, and the silo.</summary>
[GenerateSerializer]
[Immutable]
[Alias("SerialCluster.ChainOutcome")]
public sealed record ChainOutcome(
    [property: Id(0)] byte[] Output,
    [property: Id(1)] double Seconds,
    [property: Id(2)] long Batches,
    [property: Id(3)] string Silo);
