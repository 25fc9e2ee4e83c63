using SerialCluster.Abstractions.Jobs;

namespace SerialCluster.Grains.Jobs;

/// <summary>
/// A job whose record says Running while this activation has no live run of it (the run stopped on a fault and left
/// the job behind): a cancel must still end it. The stored record is read, not this activation's copy, and stored
/// again as Cancelled, so cancel and delete work on a job in any state.
/// </summary>
internal static class StrandedJob
{
    public static async Task CancelAsync(JobContext job, string reason)
    {
        await job.Record.ReadStateAsync();
        if (job.Job.State != JobState.Running)
        {
            return;
        }

        job.Job.State = JobState.Cancelled;
        job.Job.Error = reason;
        await new JobOutcome(job, new ProgressWriter(job, CancellationToken.None)).StoreAsync();
    }
}
