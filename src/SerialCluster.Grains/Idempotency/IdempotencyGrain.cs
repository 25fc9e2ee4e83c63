using Microsoft.Extensions.Logging;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Grains.Hosting;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Grains.Idempotency;

/// <summary>
/// One idempotency key. The key is recorded (with the job id it names and the job's fingerprint) BEFORE the job is
/// submitted, so a client that retries after any failure finds the same job id, and the coordinator's own idempotent
/// submit (same id, same spec) makes a repeated submit harmless. Calls are serialized per key, so two clients racing
/// with one key start one job. A job the coordinator refuses releases its key, so the corrected job may use it.
/// </summary>
public sealed partial class IdempotencyGrain(
    [PersistentState("idempotency", SerialClusterStorage.Jobs)] IPersistentState<IdempotencyRecord> record,
    TimeProvider time,
    ILogger<IdempotencyGrain> logger)
    : Grain, IIdempotencyGrain
{
    private string Key => this.GetPrimaryKeyString();

    public async Task<IdempotentSubmission> SubmitAsync(JobSpec spec)
    {
        if (!IdempotencyKey.IsValid(Key))
        {
            return Refused(spec, $"idempotency key '{InvalidParameterException.Printable(Key)}' is not allowed; use {IdempotencyKey.Allowed}", conflict: true);
        }

        SpecFingerprint fingerprint;
        try
        {
            fingerprint = SpecFingerprint.Of(spec);
        }
        catch (Exception e) when (e is UnknownWorkloadException or InvalidParameterException)
        {
            return Refused(spec, e.Message, conflict: false);
        }

        var stored = record.State;
        if (stored.JobId is { } jobId)
        {
            var differences = fingerprint.DifferencesFrom(SpecFingerprint.Of(stored));
            if (differences.Count > 0)
            {
                LogConflict(logger, Key, jobId);
                return Refused(
                    spec,
                    $"idempotency key '{Key}' already belongs to job {jobId} ({stored.Workload}, first submitted {stored.FirstSubmittedAt:u}), " +
                    $"which has different parameters ({string.Join("; ", differences)}); submit with a new key, or with that job's parameters",
                    conflict: true);
            }

            var job = GrainFactory.GetGrain<IJobGrain>(jobId);
            var existing = await job.GetStatusAsync();
            if (existing.State != JobState.Unknown)
            {
                return new IdempotentSubmission(existing, Existing: true, Conflict: false);
            }

            // Recorded, but the submission never reached the coordinator: submit it now, under the recorded id.
            return await SubmitRecordedAsync(job, spec);
        }

        fingerprint.WriteTo(stored);
        stored.JobId = "j-" + Guid.NewGuid().ToString("N")[..12];
        stored.FirstSubmittedAt = time.GetUtcNow();
        await record.WriteStateAsync();
        return await SubmitRecordedAsync(GrainFactory.GetGrain<IJobGrain>(stored.JobId), spec);
    }

    private async Task<IdempotentSubmission> SubmitRecordedAsync(IJobGrain job, JobSpec spec)
    {
        var status = await job.SubmitAsync(spec);
        if (status.State == JobState.Rejected)
        {
            // Nothing was started under this key: free it for a corrected submission.
            await record.ClearStateAsync();
        }

        return new IdempotentSubmission(status, Existing: false, Conflict: false);
    }

    private IdempotentSubmission Refused(JobSpec spec, string reason, bool conflict) =>
        new(new JobStatus(record.State.JobId ?? string.Empty, JobState.Rejected, 0, 0, string.Empty, reason, null, null, spec), Existing: false, conflict);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Idempotency key {Key} (job {JobId}) reused with different parameters: refused")]
    private static partial void LogConflict(ILogger logger, string key, string jobId);
}
