using Microsoft.Extensions.Logging;
using SerialCluster.Grains.Execution;
using SerialCluster.Grains.Reliability;

namespace SerialCluster.Grains.Jobs;

/// <summary>
/// Runs a step of a job (its pinned run, a chain stage, a parallel stage) until it succeeds, starting it again on a
/// fresh view of the cluster after a lost silo or a transient failure, up to the configured attempts in a row without
/// progress: a long chain may lose its silo many times, and each time it got somewhere counts as a fresh start.
/// </summary>
internal sealed partial class CoordinatorRetries(JobContext job, ClusterViewCache views, ProgressWriter writer)
{
    /// <summary>The pause before a failed stage or chain is started again, times the attempt number.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>The cluster for the job's next step, as <see cref="ClusterViewCache"/> holds it.</summary>
    public Task<ClusterView> ReadClusterAsync(bool fresh) => views.ReadAsync(fresh);

    public async Task<T> RunAsync<T>(string what, Func<ClusterView, Task<T>> attempt, CancellationToken cancellationToken)
    {
        for (var tries = 1; ; tries++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var unitsBefore = job.UnitsDone;
            try
            {
                var cluster = await views.ReadAsync(fresh: tries > 1);
                return await attempt(cluster);
            }
            catch (Exception e) when (TransientFailure.IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                if (job.UnitsDone > unitsBefore)
                {
                    // The attempt got somewhere before it was cut off: only failures in a row without progress count.
                    tries = 1;
                }
                else if (tries >= job.Options.Reliability.TaskAttempts)
                {
                    throw;
                }

                LogRetrying(job.Logger, e, job.JobId, what, tries);
                await writer.SaveQuietlyAsync();
                // Give membership time to settle (a lost silo declared dead, a new one joined) before the next attempt.
                await Task.Delay(RetryDelay * tries, job.Time, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: {What} is started again after attempt {Attempt} failed")]
    private static partial void LogRetrying(ILogger logger, Exception exception, string jobId, string what, int attempt);
}
