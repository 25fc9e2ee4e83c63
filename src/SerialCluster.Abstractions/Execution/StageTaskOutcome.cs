namespace SerialCluster.Abstractions.Execution;

/// <summary>
/// A finished task: its output, how long the kernel ran (not counting dispatch), and the silo that ran it; and the
/// seconds that silo spent building the job's plan first, reported once per silo and job (0 on every later answer).
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("SerialCluster.StageTaskOutcome")]
public sealed record StageTaskOutcome(
    [property: Id(0)] byte[] Output,
    [property: Id(1)] double Seconds,
    [property: Id(2)] string Silo,
    [property: Id(3)] double BuildSeconds = 0);
