using Microsoft.Extensions.Logging;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Grains.Reliability;

namespace SerialCluster.Grains.Jobs;

/// <summary>
/// A coordinator's record of the serial chains it starts: restarts within this coordinator (a resumed coordinator's
/// first start is a resume, not a restart), each finished chain's checkpoint figures in the job's counters, the
/// chain to tell to stop when the job is cancelled, and the deletion of a chain's checkpoint once its end is stored.
/// </summary>
internal sealed partial class ChainBookkeeping(JobContext job)
{
    private int _starts;
    private ISerialChainGrain? _chain;

    /// <summary>The chain that runs the job's work from now on; a second start before it finished is a restart.</summary>
    public void Started(ISerialChainGrain chain)
    {
        _chain = chain;
        if (_starts++ > 0)
        {
            job.Job.Counters.ChainRestarts++;
        }
    }

    /// <summary>A chain finished: its checkpoints, their cost, its compute and the steps it resumed from are counted.</summary>
    public void Finished(int checkpoints, double checkpointSeconds, double computeSeconds, List<long>? resumedFrom, long checkpointSteps)
    {
        _starts = 0;
        var c = job.Job.Counters;
        c.Checkpoints += checkpoints;
        c.CheckpointSeconds += checkpointSeconds;
        c.ChainComputeSeconds += computeSeconds;
        c.CheckpointSteps = Math.Max(c.CheckpointSteps, checkpointSteps);
        c.ResumedFromSteps.AddRange(resumedFrom ?? []);
    }

    /// <summary>Tells the chain running this job's work to stop at its next batch (the job was cancelled or ran out of time).</summary>
    public void Stop()
    {
        if (_chain is { } chain)
        {
            SiloWatch.Observe(chain.CancelAsync(job.JobId));
        }
    }

    /// <summary>The job is over: no chain is running its work.</summary>
    public void Forget() => _chain = null;

    /// <summary>Deletes a chain's checkpoint once the job stored the chain's end; a failure is logged, never thrown.</summary>
    public async Task ClearCheckpointAsync(string chain)
    {
        try
        {
            await ChainCheckpointStore.ClearAsync(job.Services, ChainCheckpointStore.KeyOf(job.JobId, chain));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogCheckpointNotCleared(job.Logger, e, job.JobId, chain);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: the checkpoint of chain {Chain} could not be deleted")]
    private static partial void LogCheckpointNotCleared(ILogger logger, Exception exception, string jobId, string chain);
}
