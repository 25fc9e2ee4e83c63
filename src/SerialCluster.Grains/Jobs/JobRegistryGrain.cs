using Microsoft.Extensions.Logging;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Grains.Hosting;
using SerialCluster.Grains.Reliability;

namespace SerialCluster.Grains.Jobs;

/// <summary>
/// The durable list of the cluster's jobs, in <c>jobs</c> storage. Jobs record themselves when accepted and when they
/// finish; every silo's <see cref="JobKeeper"/> calls <see cref="KeepAsync"/>, which wakes each running job (one-way),
/// deletes finished jobs past the retention, and asks the running ones for their state in the background: a job's own
/// record of its end can be lost with this grain's silo, so the next round lists those that say they ended as they are.
/// </summary>
public sealed partial class JobRegistryGrain(
    [PersistentState("registry", SerialClusterStorage.Jobs)] IPersistentState<JobRegistryRecord> record,
    SerialClusterOptions options,
    TimeProvider time,
    ILogger<JobRegistryGrain> logger)
    : Grain, IJobRegistryGrain
{
    /// <summary>What a job listed as running whose stored record is gone is listed with (state Failed).</summary>
    public const string LostError = "lost: the cluster no longer has this job's stored record (storage wiped or restarted empty)";

    private static readonly TimeSpan StatusTimeout = TimeSpan.FromSeconds(5);

    // A job is listed before its record is stored: one that has no record yet may still be being accepted.
    private static readonly TimeSpan LostAfter = TimeSpan.FromMinutes(1);

    private Task<List<JobSummary>>? _asking;

    public async Task RecordAsync(JobSummary job)
    {
        record.State.Jobs[job.JobId] = job;
        await record.WriteStateAsync();
    }

    public async Task ForgetAsync(string jobId)
    {
        if (record.State.Jobs.Remove(jobId))
        {
            await record.WriteStateAsync();
        }
    }

    public Task<List<JobSummary>> ListAsync() =>
        Task.FromResult(record.State.Jobs.Values.OrderBy(j => j.SubmittedAt).ThenBy(j => j.JobId, StringComparer.Ordinal).ToList());

    public async Task<int> KeepAsync()
    {
        var changed = ApplyAnswers();
        var running = record.State.Jobs.Values.Where(j => j.State == JobState.Running).ToList();
        foreach (var job in running)
        {
            GrainFactory.GetGrain<IJobGrain>(job.JobId).KeepAliveAsync().Ignore();
        }

        if (_asking is null && running.Count > 0)
        {
            // Not awaited: a job's answer must never wait on this grain, and a frozen job's silo must not hold up the keeper.
            _asking = AskAsync(running);
        }

        var retention = options.Reliability.Retention;
        if (retention > TimeSpan.Zero)
        {
            changed |= Expire(retention);
        }

        if (changed)
        {
            await record.WriteStateAsync();
        }

        return running.Count;
    }

    /// <summary>Lists as they are the running jobs the last background round found finished or lost; true when any changed.</summary>
    private bool ApplyAnswers()
    {
        if (_asking is not { IsCompleted: true } asked)
        {
            return false;
        }

        _asking = null;
        var changed = 0;
        foreach (var answer in asked.IsCompletedSuccessfully ? asked.Result : [])
        {
            if (record.State.Jobs.TryGetValue(answer.JobId, out var listed) && listed.State == JobState.Running)
            {
                record.State.Jobs[answer.JobId] = answer;
                LogCorrected(logger, answer.JobId, answer.State);
                changed++;
            }
        }

        return changed > 0;
    }

    /// <summary>Asks each job listed as running for its state; returns the summaries of those that finished or no longer exist.</summary>
    private async Task<List<JobSummary>> AskAsync(List<JobSummary> running)
    {
        RequestContext.Clear();
        var answers = await Task.WhenAll(running.Select(AskOneAsync));
        return [.. answers.OfType<JobSummary>()];
    }

    private async Task<JobSummary?> AskOneAsync(JobSummary listed)
    {
        JobStatus status;
        try
        {
            status = await GrainFactory.GetGrain<IJobGrain>(listed.JobId).GetStatusAsync().WaitAsync(StatusTimeout);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Its silo may be dying or storage may not answer: the next round asks again.
            LogNotAnswered(logger, listed.JobId, e.GetType().Name);
            return null;
        }

        var now = time.GetUtcNow();
        return status switch
        {
            { IsFinished: true } => listed with { State = status.State, Error = status.Error, FinishedAt = now },
            { State: JobState.Unknown } when now - listed.SubmittedAt > LostAfter =>
                listed with { State = JobState.Failed, Error = LostError, FinishedAt = now },
            _ => null,
        };
    }

    /// <summary>Deletes finished jobs past <paramref name="retention"/>; a lost job has nothing to delete and is only unlisted (true then).</summary>
    private bool Expire(TimeSpan retention)
    {
        var cutoff = time.GetUtcNow() - retention;
        var expired = record.State.Jobs.Values
            .Where(j => j.State != JobState.Running && (j.FinishedAt ?? j.SubmittedAt) < cutoff)
            .ToList();
        var unlisted = false;
        foreach (var job in expired)
        {
            if (job.Error == LostError)
            {
                unlisted |= record.State.Jobs.Remove(job.JobId);
                continue;
            }

            // Not awaited: the job calls back here to be forgotten, and this grain does not interleave.
            SiloWatch.Observe(GrainFactory.GetGrain<IJobGrain>(job.JobId).DeleteAsync());
        }

        if (expired.Count > 0)
        {
            LogExpired(logger, expired.Count, retention);
        }

        return unlisted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleting {Count} finished jobs older than the retention of {Retention}")]
    private static partial void LogExpired(ILogger logger, int count, TimeSpan retention);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} was listed as running but says {State}: listed as it is now")]
    private static partial void LogCorrected(ILogger logger, string jobId, JobState state);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Job {JobId} did not answer the registry's state query this round ({Error})")]
    private static partial void LogNotAnswered(ILogger logger, string jobId, string error);
}
