namespace SerialCluster.Abstractions.Jobs;

/// <summary>
/// The answer to a submission under an idempotency key: the job's status, whether the key had already started that
/// job (<see cref="Existing"/>: this submission started nothing), and whether it was refused because the key belongs
/// to a job with different parameters (<see cref="Conflict"/>; the reason is in the status's error).
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("SerialCluster.IdempotentSubmission")]
public sealed record IdempotentSubmission(
    [property: Id(0)] JobStatus Status,
    [property: Id(1)] bool Existing,
    [property: Id(2)] bool Conflict);
