using Microsoft.Extensions.Logging;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Grains.Hosting;
using SerialCluster.Grains.Reliability;

namespace SerialCluster.Grains.Jobs;

/// <summary>
/// The durable list of the cluster's jobs, in <c>jobs</c> storage. Jobs record themselves when accepted and when they
/// finish; every silo's <see cref="JobKeeper"/> calls <see cref="KeepAsync"/> periodically, which wakes each running
/// job's coordinator (one-way, so a coordinator calling back here never waits on this grain) and deletes finished
/// jobs older than the configured retention.
/// </summary>
public sealed partial class JobRegistryGrain(
    [PersistentState("registry", SerialClusterStorage.Jobs)] IPersistentState<JobRegistryRecord> record,
    SerialClusterOptions options,
    TimeProvider time,
    ILogger<JobRegistryGrain> logger)
    : Grain, IJobRegistryGrain
{
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
        var running = 0;
        foreach (var job in record.State.Jobs.Values.Where(j => j.State == JobState.Running))
        {
            GrainFactory.GetGrain<IJobGrain>(job.JobId).KeepAliveAsync().Ignore();
            running++;
        }

        var retention = options.Reliability.Retention;
        if (retention > TimeSpan.Zero)
        {
            var cutoff = time.GetUtcNow() - retention;
            var expired = record.State.Jobs.Values
                .Where(j => j.State != JobState.Running && (j.FinishedAt ?? j.SubmittedAt) < cutoff)
                .Select(j => j.JobId)
                .ToList();
            foreach (var id in expired)
            {
                // Not awaited: the job calls back here to be forgotten, and this grain does not interleave.
                SiloWatch.Observe(GrainFactory.GetGrain<IJobGrain>(id).DeleteAsync());
            }

            if (expired.Count > 0)
            {
                LogExpired(logger, expired.Count, retention);
            }
        }

        return running;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleting {Count} finished jobs older than the retention of {Retention}")]
    private static partial void LogExpired(ILogger logger, int count, TimeSpan retention);
}
