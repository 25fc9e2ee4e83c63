using Microsoft.Extensions.Logging;

namespace SerialCluster.Grains.Jobs;

/// <summary>
/// Stores a finished job (completed, failed or cancelled) and lists it in the job registry. The result stays in
/// storage; if storage refuses it, it is still served from this activation's memory.
/// </summary>
internal sealed partial class JobOutcome(JobContext job, ProgressWriter writer)
{
    /// <summary>How long a finished job's activation is kept for its status queries before idle collection may take it.</summary>
    public static readonly TimeSpan KeptAfterFinish = TimeSpan.FromMinutes(15);

    private static readonly TimeSpan ListingWait = TimeSpan.FromSeconds(10);

    public async Task StoreAsync()
    {
        job.Job.FinishedAt = job.Time.GetUtcNow();
        job.Job.Progress = null;
        if (!await writer.PersistFinishedAsync())
        {
            job.Deactivate(); // superseded: the next call reads the job as stored
            return;
        }

        try
        {
            // Bounded: a registry on a dying silo must not hold the outcome's caller; the registry's rounds reconcile.
            await job.Registry.RecordAsync(job.Summary()).WaitAsync(ListingWait, job.Time);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogNotListed(job.Logger, e, job.JobId);
        }

        job.DelayDeactivation(KeptAfterFinish);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: it could not be listed in the job registry")]
    private static partial void LogNotListed(ILogger logger, Exception exception, string jobId);
}
