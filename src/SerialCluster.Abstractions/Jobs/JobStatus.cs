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

    public static JobStatus NotFound(string jobId) => new(jobId, JobState.Unknown, 0, 0, string.Empty, null, null, null, null);
}
