namespace SerialCluster.Abstractions.Execution;

/// <summary>A finished task: its output, how long the kernel ran (not counting dispatch), and the silo that ran it.</summary>
[GenerateSerializer]
[Immutable]
[Alias("SerialCluster.StageTaskOutcome")]
public sealed record StageTaskOutcome(
    [property: Id(0)] byte[] Output,
    [property: Id(1)] double Seconds,
    [property: Id(2)] string Silo);
