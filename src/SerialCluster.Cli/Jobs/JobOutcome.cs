using System.Text.Json.Nodes;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Cli.Output;

namespace SerialCluster.Cli.Jobs;

/// <summary>A finished job as a command's result: the exit code its state maps to, and its one-line description.</summary>
public static class JobOutcome
{
    /// <summary>0 completed, 130 cancelled, 1 failed or refused, 9 unknown (not the cluster's).</summary>
    public static int ExitCode(JobStatus status) => status.State switch
    {
        JobState.Completed => ExitCodes.Success,
        JobState.Cancelled => ExitCodes.Cancelled,
        JobState.Unknown => ExitCodes.JobNotFound,
        _ => ExitCodes.JobFailed,
    };

    /// <summary>The error line of a job that did not complete: <c>job j-… failed: …</c>.</summary>
    public static string Describe(JobStatus status) => status.State switch
    {
        JobState.Cancelled => $"job {status.JobId} was cancelled: {status.Error}",
        JobState.Rejected => $"job {status.JobId} was refused: {status.Error}",
        _ => $"job {status.JobId} failed: {status.Error}",
    };

    /// <summary>What <c>--json</c> prints for a job that did not complete (<see cref="JobDocument.Failure"/>), from its status.</summary>
    public static JsonObject Document(JobStatus status) =>
        JobDocument.Failure(status.JobId, status.State.ToString().ToLowerInvariant(), status.Error, ExitCode(status));
}
