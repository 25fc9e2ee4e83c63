using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Cli.Cluster;

namespace SerialCluster.Cli.Jobs;

/// <summary>What <c>jobs follow</c> and <c>jobs wait</c> share: finding the job, and letting Ctrl+C stop only the watching.</summary>
public static class JobWatch
{
    /// <summary>The job's status, or exit code 9 naming the id when the cluster does not have it.</summary>
    public static async Task<JobStatus> FindAsync(ClusterConnection connection, string jobId)
    {
        var status = await connection.Client.GetGrain<IJobGrain>(jobId).GetStatusAsync();
        return status.State == JobState.Unknown || status.Spec is null
            ? throw new CliException(
                ExitCodes.JobNotFound, $"no job '{jobId}' on the {connection.Description}; `serialcluster jobs list` shows the jobs it keeps")
            : status;
    }

    /// <summary>Runs <paramref name="watch"/>; Ctrl+C ends it with exit code 130 and a line saying the job runs on.</summary>
    public static async Task<JobStatus> DetachOnCancelAsync(string jobId, Func<Task<JobStatus>> watch, CancellationToken cancellationToken)
    {
        try
        {
            return await watch();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new CliException(
                ExitCodes.Cancelled,
                $"stopped watching job {jobId}; it runs on: `serialcluster jobs follow {jobId}` re-attaches, `serialcluster cancel {jobId}` stops it");
        }
    }
}
