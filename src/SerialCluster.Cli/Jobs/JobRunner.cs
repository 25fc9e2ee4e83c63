using System.Diagnostics;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;

namespace SerialCluster.Cli.Jobs;

/// <summary>
/// Submits a job to the cluster (at most once under an idempotency key, when given) and follows it to the end,
/// reporting progress. A status poll that fails while a silo dies (its coordinator moves to another silo) is retried,
/// not reported: the job itself is durable. Cancelling the follow (Ctrl+C) cancels the job on the cluster.
/// </summary>
public sealed class JobRunner(IClusterClient client)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long polls may keep failing before the job is given up for unreachable.</summary>
    public static readonly TimeSpan UnreachableAfter = TimeSpan.FromMinutes(2);

    /// <summary>A fresh job id: short, unique, safe in grain keys and file names.</summary>
    public static string NewJobId() => "j-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>True when the last submission's idempotency key had already started its job: this run only followed it.</summary>
    public bool ExistingJob { get; private set; }

    /// <summary>
    /// Submits <paramref name="spec"/> (at most once under <paramref name="idempotencyKey"/>, when given); returns the
    /// accepted status, or throws when the cluster refused it.
    /// </summary>
    public async Task<JobStatus> SubmitAsync(JobSpec spec, string? idempotencyKey = null)
    {
        JobStatus status;
        if (idempotencyKey is null)
        {
            status = await client.GetGrain<IJobGrain>(NewJobId()).SubmitAsync(spec);
        }
        else
        {
            var submission = await client.GetGrain<IIdempotencyGrain>(idempotencyKey).SubmitAsync(spec);
            if (submission.Conflict)
            {
                throw new CliException(ExitCodes.Usage, submission.Status.Error ?? $"idempotency key '{idempotencyKey}' was refused");
            }

            ExistingJob = submission.Existing;
            status = submission.Status;
        }

        return status.State == JobState.Rejected
            ? throw new CliException(ExitCodes.JobFailed, $"the cluster refused the job: {status.Error}")
            : status;
    }

    /// <summary>
    /// Submits <paramref name="spec"/> (at most once under <paramref name="idempotencyKey"/>, when given) and polls until it
    /// finishes; returns the final status. Cancelled: the job is cancelled too.
    /// </summary>
    public async Task<JobStatus> RunAsync(JobSpec spec, Action<long, long, string> progress, CancellationToken cancellationToken, string? idempotencyKey = null)
    {
        var status = await SubmitAsync(spec, idempotencyKey);
        var job = client.GetGrain<IJobGrain>(status.JobId);
        try
        {
            status = await FollowAsync(job, status, progress, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await CancelQuietlyAsync(job);
            throw;
        }

        progress(status.UnitsDone, status.UnitsTotal, status.Unit);
        return status;
    }

    private static async Task<JobStatus> FollowAsync(IJobGrain job, JobStatus status, Action<long, long, string> progress, CancellationToken cancellationToken)
    {
        var failing = new Stopwatch();
        while (!status.IsFinished)
        {
            progress(status.UnitsDone, status.UnitsTotal, status.Unit);
            await Task.Delay(PollInterval, cancellationToken);
            try
            {
                status = await job.GetStatusAsync().WaitAsync(CallTimeout, cancellationToken);
                failing.Reset();
            }
            catch (Exception e) when (e is TimeoutException or OrleansException && !cancellationToken.IsCancellationRequested)
            {
                failing.Start();
                if (failing.Elapsed > UnreachableAfter)
                {
                    throw new CliException(
                        ExitCodes.JobFailed,
                        $"job {status.JobId} did not answer for {UnreachableAfter.TotalSeconds:F0} s ({e.Message.Split('\n')[0]}); it may still be running: " +
                        $"see `serialcluster jobs show {status.JobId}`");
                }
            }
        }

        return status;
    }

    private static async Task CancelQuietlyAsync(IJobGrain job)
    {
        try
        {
            await job.CancelAsync("cancelled from the command line (Ctrl+C)").WaitAsync(CallTimeout);
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            // The cluster is unreachable; the job's deadline (if any) still applies there.
        }
    }
}
