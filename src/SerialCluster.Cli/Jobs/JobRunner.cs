using SerialCluster.Abstractions.Grains;
using SerialCluster.Abstractions.Jobs;

namespace SerialCluster.Cli.Jobs;

/// <summary>Submits a job to the cluster and follows it to the end, reporting progress.</summary>
public sealed class JobRunner(IClusterClient client)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>A fresh job id: short, unique, safe in grain keys and file names.</summary>
    public static string NewJobId() => "j-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>True when the last run's idempotency key had already started its job: this run only followed it.</summary>
    public bool ExistingJob { get; private set; }

    /// <summary>
    /// Submits <paramref name="spec"/> (at most once under <paramref name="idempotencyKey"/>, when given) and polls until it
    /// finishes; returns the final status (completed or failed).
    /// </summary>
    public async Task<JobStatus> RunAsync(JobSpec spec, Action<long, long, string> progress, CancellationToken cancellationToken, string? idempotencyKey = null)
    {
        var (job, status) = await SubmitAsync(spec, idempotencyKey);
        if (status.State == JobState.Rejected)
        {
            throw new CliException(ExitCodes.JobFailed, $"the cluster refused the job: {status.Error}");
        }

        while (!status.IsFinished)
        {
            progress(status.UnitsDone, status.UnitsTotal, status.Unit);
            await Task.Delay(PollInterval, cancellationToken);
            status = await job.GetStatusAsync();
        }

        progress(status.UnitsDone, status.UnitsTotal, status.Unit);
        return status;
    }

    private async Task<(IJobGrain Job, JobStatus Status)> SubmitAsync(JobSpec spec, string? idempotencyKey)
    {
        if (idempotencyKey is null)
        {
            var job = client.GetGrain<IJobGrain>(NewJobId());
            return (job, await job.SubmitAsync(spec));
        }

        var submission = await client.GetGrain<IIdempotencyGrain>(idempotencyKey).SubmitAsync(spec);
        if (submission.Conflict)
        {
            throw new CliException(ExitCodes.Usage, submission.Status.Error ?? $"idempotency key '{idempotencyKey}' was refused");
        }

        ExistingJob = submission.Existing;
        return (client.GetGrain<IJobGrain>(submission.Status.JobId), submission.Status);
    }
}
