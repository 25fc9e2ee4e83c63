using Orleans.Storage;

namespace SerialCluster.Grains.Reliability;

/// <summary>
/// The pauses between tries of a storage write that failed for the storage's reasons (a timeout, a lost connection,
/// a paused server): doubling from <see cref="First"/> up to <see cref="Longest"/>. A refused write (the ETag check) is
/// not such a failure: it says who holds the record, and is answered by reading it, not by waiting.
/// </summary>
public static class StorageBackoff
{
    public static readonly TimeSpan First = TimeSpan.FromMilliseconds(250);

    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(5);

    /// <summary>How long a job's writes are tried before the job fails for want of storage.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    /// <summary>The pause after the <paramref name="failures"/>th failure in a row (1-based).</summary>
    public static TimeSpan After(int failures) =>
        TimeSpan.FromTicks(Math.Min(Longest.Ticks, First.Ticks << Math.Clamp(failures - 1, 0, 10)));

    /// <summary>A failure worth trying again after a pause: anything the storage threw except a refusal by ETag.</summary>
    public static bool IsRetryable(Exception e) =>
        e is not (InconsistentStateException or OutOfMemoryException or OperationCanceledException or JobSupersededException or ChainSupersededException);
}
