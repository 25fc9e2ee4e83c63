using SerialCluster.Abstractions.Jobs;

namespace SerialCluster.Grains.Idempotency;

/// <summary>
/// What an idempotency key remembers, in <c>jobs</c> storage: the job it started and that job's canonical spec, with
/// long values (a circuit file, a puzzle list) kept as a SHA-256 fingerprint rather than a second copy.
/// </summary>
[GenerateSerializer]
[Alias("SerialCluster.IdempotencyRecord")]
public sealed class IdempotencyRecord
{
    [Id(0)]
    public string? JobId { get; set; }

    [Id(1)]
    public string Workload { get; set; } = string.Empty;

    [Id(2)]
    public JobMode Mode { get; set; }

    [Id(3)]
    public int Parallelism { get; set; }

    /// <summary>Every parameter (defaults included) as canonical text, or its fingerprint when long.</summary>
    [Id(4)]
    public Dictionary<string, string> Parameters { get; set; } = new(StringComparer.Ordinal);

    [Id(5)]
    public DateTimeOffset FirstSubmittedAt { get; set; }
}
