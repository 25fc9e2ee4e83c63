using System.Diagnostics;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Cli.Cluster;
using SerialCluster.Grains.Placement;

namespace SerialCluster.Cli.Jobs;

/// <summary>
/// Submits a job (at most once under an idempotency key, when given) and follows it to the end, reporting progress.
/// A submission or poll failing for a passing reason (a silo dying, storage not answering) is repeated: the job id makes
/// a submission idempotent, and the job is durable. A job the cluster no longer has (Unknown), or a connection with no
/// gateway left that cannot find another (<see cref="GatewayLoss"/>), ends the follow; cancelling it cancels the job.
/// </summary>
public sealed class JobRunner(IClusterClient client)
{
    private readonly GatewayLoss? _gatewayLoss = client.ServiceProvider.GetService(typeof(GatewayLoss)) as GatewayLoss;
    private readonly ConnectionHint _hint = client.ServiceProvider.GetService(typeof(ConnectionHint)) as ConnectionHint ?? ConnectionHint.None;

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    // A job that takes milliseconds is seen finished within about its own time, not a whole poll interval later.
    private static readonly TimeSpan FirstPollInterval = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestRetryDelay = TimeSpan.FromSeconds(2);

    /// <summary>How long polls may keep failing before the job is given up for unreachable.</summary>
    public static readonly TimeSpan UnreachableAfter = TimeSpan.FromMinutes(2);

    /// <summary>How long a submission that failed for a passing reason is repeated (same job id) before the command gives up.</summary>
    public static readonly TimeSpan DefaultSubmitRetryWindow = TimeSpan.FromSeconds(30);

    /// <summary>A fresh job id: short, unique, safe in grain keys and file names.</summary>
    public static string NewJobId() => "j-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>True when the last submission's idempotency key had already started its job: this run only followed it.</summary>
    public bool ExistingJob { get; private set; }

    /// <summary>How long a submission failing for a passing reason is repeated before the command gives up.</summary>
    public TimeSpan SubmitRetryWindow { get; init; } = DefaultSubmitRetryWindow;

    /// <summary>The silo to coordinate the jobs this runner submits (<see cref="CoordinatorSilo"/>); null lets the cluster place them.</summary>
    public SiloAddress? Coordinator { get; init; }

    /// <summary>Submissions that failed for a passing reason and were repeated, in the last <see cref="SubmitAsync"/>.</summary>
    public int SubmitRetries { get; private set; }

    /// <summary>What the last repeated submission met, in one line; null when none was repeated.</summary>
    public string? LastSubmitFailure { get; private set; }

    /// <summary>
    /// Submits <paramref name="spec"/> (at most once under <paramref name="idempotencyKey"/>, when given); returns the
    /// accepted status, or throws when the cluster refused it or did not answer within <see cref="SubmitRetryWindow"/>.
    /// </summary>
    public async Task<JobStatus> SubmitAsync(JobSpec spec, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        var jobId = NewJobId();
        var clock = Stopwatch.StartNew();
        var delay = FirstRetryDelay;
        SubmitRetries = 0;
        LastSubmitFailure = null;
        while (true)
        {
            try
            {
                var status = await SubmitOnceAsync(jobId, spec, idempotencyKey).WaitAsync(cancellationToken);
                return status.State == JobState.Rejected
                    ? throw new CliException(ExitCodes.JobFailed, $"the cluster refused the job: {status.Error}")
                    : status;
            }
            catch (Exception e) when (ClusterFailures.IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                if (clock.Elapsed + delay > SubmitRetryWindow)
                {
                    var what = idempotencyKey is null ? $"job {jobId}" : $"the job of idempotency key '{idempotencyKey}'";
                    throw new CliException(
                        ExitCodes.ClusterUnavailable,
                        $"{ClusterFailures.Describe(e)}; {what} may not have been accepted after {SubmitRetries + 1} tries in " +
                        $"{clock.Elapsed.TotalSeconds:F0} s: retry the command later (see {_hint.Command($"jobs show {jobId}")})",
                        e);
                }

                SubmitRetries++;
                LastSubmitFailure = ClusterFailures.Describe(e);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestRetryDelay.Ticks));
            }
        }
    }

    /// <summary>
    /// Submits <paramref name="spec"/> (at most once under <paramref name="idempotencyKey"/>, when given) and polls until it
    /// finishes; returns the final status. Cancelled: the job is cancelled too.
    /// </summary>
    public async Task<JobStatus> RunAsync(JobSpec spec, Action<long, long, string> progress, CancellationToken cancellationToken, string? idempotencyKey = null)
    {
        var status = await SubmitAsync(spec, idempotencyKey, cancellationToken);
        return await FollowAsync(status, progress, cancellationToken);
    }

    /// <summary>
    /// Polls the accepted job <paramref name="accepted"/> until it finishes; returns the final status. Cancelled: the job
    /// is cancelled too, unless <paramref name="detachOnCancel"/> (<c>jobs follow</c>: only the following stops).
    /// </summary>
    public async Task<JobStatus> FollowAsync(
        JobStatus accepted, Action<long, long, string> progress, CancellationToken cancellationToken, bool detachOnCancel = false)
    {
        var job = client.GetGrain<IJobGrain>(accepted.JobId);
        JobStatus status;
        try
        {
            status = await PollUntilFinishedAsync(job, accepted, progress, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !detachOnCancel)
        {
            await CancelQuietlyAsync(job);
            throw;
        }

        progress(status.UnitsDone, status.UnitsTotal, status.Unit);
        return status;
    }

    private async Task<JobStatus> PollUntilFinishedAsync(
        IJobGrain job, JobStatus status, Action<long, long, string> progress, CancellationToken cancellationToken)
    {
        var failing = new Stopwatch();
        var last = status;
        var interval = FirstPollInterval;
        while (!status.IsFinished)
        {
            progress(status.UnitsDone, status.UnitsTotal, status.Unit);
            await Task.Delay(interval, cancellationToken);
            interval = TimeSpan.FromTicks(Math.Min(interval.Ticks * 2, PollInterval.Ticks));
            try
            {
                status = await job.GetStatusAsync().WaitAsync(CallTimeout, cancellationToken);
                failing.Reset();
                _gatewayLoss?.SayIfReconnected();
            }
            catch (Exception e) when (ClusterFailures.IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                if (_gatewayLoss?.Check(status.JobId) is { } lost)
                {
                    throw lost;
                }

                failing.Start();
                if (failing.Elapsed > UnreachableAfter)
                {
                    throw new CliException(
                        ExitCodes.JobFailed,
                        $"job {status.JobId} did not answer for {UnreachableAfter.TotalSeconds:F0} s ({ClusterFailures.Describe(e)}); it may still be " +
                        $"running: see {_hint.Command($"jobs show {status.JobId}")}");
                }

                continue;
            }

            // An accepted job is stored before it is accepted: Unknown means its record is gone, and it will not come back.
            if (status.State == JobState.Unknown)
            {
                throw new CliException(
                    ExitCodes.JobLost,
                    $"job {last.JobId} is lost: the cluster no longer has it (its stored record vanished: storage wiped or restarted " +
                    $"empty) after {last.UnitsDone:N0} of {last.UnitsTotal:N0} {last.Unit}; submit it again");
            }

            last = status;
        }

        return status;
    }

    private async Task<JobStatus> SubmitOnceAsync(string jobId, JobSpec spec, string? idempotencyKey)
    {
        using var coordinator = CoordinatorSilo.Request(Coordinator);
        if (idempotencyKey is null)
        {
            return await client.GetGrain<IJobGrain>(jobId).SubmitAsync(spec);
        }

        var submission = await client.GetGrain<IIdempotencyGrain>(idempotencyKey).SubmitAsync(spec);
        if (submission.Conflict)
        {
            throw new CliException(ExitCodes.Usage, submission.Status.Error ?? $"idempotency key '{idempotencyKey}' was refused");
        }

        ExistingJob = submission.Existing;
        return submission.Status;
    }

    private static async Task CancelQuietlyAsync(IJobGrain job)
    {
        try
        {
            await job.CancelAsync("cancelled from the command line (Ctrl+C or a signal)").WaitAsync(CallTimeout);
        }
        catch (Exception e) when (ClusterFailures.IsTransient(e))
        {
            // The cluster is unreachable; the job's deadline (if any) still applies there.
        }
    }
}
