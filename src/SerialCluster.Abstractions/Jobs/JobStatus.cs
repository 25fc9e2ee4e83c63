namespace SerialCluster.Abstractions.Jobs;

/// <summary>A job as seen from outside: its state, progress in units, and once finished its result and profile.</summary>
[GenerateSerializer]
[Immutable]
[Alias("SerialCluster.JobStatus")]
public sealed record JobStatus(
    [property: Id(0)] string JobId,
    [property: Id(1)] JobState State,
    [property: Id(2)] long UnitsDone,
    [property: Id(3)] long UnitsTotal,
    [property: Id(4)] string Unit,
    [property: Id(5)] string? Error,
    [property: Id(6)] string? ResultJson,
    [property: Id(7)] JobProfile? Profile,
    [property: Id(8)] JobSpec? Spec)
{
    public bool IsFinished => State is JobState.Completed or JobState.Failed or JobState.Rejected or JobState.Cancelled;

    /// <summary>
    /// A job id with no stored record: never accepted, deleted, or lost with storage that came back empty. The error
    /// says so with the id, so a client that followed a running job reports it lost, not an unrelated failure.
    /// </summary>
    public static JobStatus NotFound(string jobId) =>
        new(jobId, JobState.Unknown, 0, 0, string.Empty, LostMessage(jobId), null, null, null);

    /// <summary>Why a job id has no stored record, naming the id.</summary>
    public static string LostMessage(string jobId) =>
        $"job {jobId} is not stored in this cluster: it was never accepted, was deleted, or was lost with storage that came back empty";
}
