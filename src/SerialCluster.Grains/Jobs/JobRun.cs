using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SerialCluster.Abstractions.Execution;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Grains.Diagnostics;
using SerialCluster.Grains.Execution;
using SerialCluster.Grains.Reliability;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Grains.Jobs;

/// <summary>
/// One run of a job by one coordinator, in the background of its activation: asks the cost model for the mode (unless
/// stored progress already holds it), runs the plan, measures the profile with every mode's prediction beside it, and
/// stores the outcome. Stopped by a cancel (Cancelled), its deadline (Failed), or the silo leaving (still Running, for
/// the next coordinator to resume).
/// </summary>
internal sealed partial class JobRun
{
    private readonly JobContext _job;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly CancellationTokenSource _cancellation;
    private readonly ProgressWriter _writer;
    private readonly ChainBookkeeping _chains;
    private readonly CoordinatorRetries _retries;
    private static readonly TimeSpan CancelWait = TimeSpan.FromSeconds(15);
    private string? _cancelReason;
    private bool _leaving;

    private JobRun(JobContext job, IHostApplicationLifetime lifetime)
    {
        _job = job;
        _lifetime = lifetime;
        var left = job.Job.Deadline is { } deadline ? deadline - job.Time.GetUtcNow() : (TimeSpan?)null;
        _cancellation = left is not { } l ? new CancellationTokenSource()
            : l <= TimeSpan.Zero ? CancelledSource()
            : new CancellationTokenSource(l, job.Time);
        _writer = new ProgressWriter(job, _cancellation.Token);
        _chains = new ChainBookkeeping(job);
        _retries = new CoordinatorRetries(job, new ClusterViewCache(job.Membership, job.Grains, job.Time), _writer);
    }

    /// <summary>What the current stage counted that the stored counters do not hold yet.</summary>
    public (int Retried, int Duplicates, int Committed) Unfolded => _writer.Unfolded;

    public bool IsRunning => !Running.IsCompleted;

    /// <summary>Completes when the run has ended and stored its outcome (or left the job to the next coordinator).</summary>
    public Task Completion => Running;

    private Task Running { get; set; } = Task.CompletedTask;

    /// <summary>Starts the job's run; <paramref name="plan"/> is the admitted plan of a new job, null for a resumed one.</summary>
    public static JobRun Start(JobContext job, IHostApplicationLifetime lifetime, JobSpec spec, WorkloadPlan? plan)
    {
        var run = new JobRun(job, lifetime);
        // A running job must outlive idle collection: its background run is not a request.
        job.DelayDeactivation(JobSpecBounds.MaxDeadline);
        run.Running = run.RunAsync(spec, plan, run._cancellation.Token);
        return run;
    }

    /// <summary>
    /// Stops the run as cancelled for <paramref name="reason"/>, and waits a while for it to store that: less than a
    /// call's response timeout, so the caller gets the cancelled state even while storage or the registry is away.
    /// </summary>
    public async Task CancelAsync(string reason)
    {
        _cancelReason = reason;
        await _cancellation.CancelAsync();
        await Running.WaitAsync(CancelWait, _job.Time)
            .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
    }

    /// <summary>The activation is going: the progress is stored and the job stays Running, for the next coordinator.</summary>
    public async Task LeaveAsync(CancellationToken cancellationToken)
    {
        _leaving = true;
        await _cancellation.CancelAsync();
        await Running.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
    }

    private async Task RunAsync(JobSpec spec, WorkloadPlan? submittedPlan, CancellationToken cancellationToken)
    {
        var job = _job.Job;
        var start = Stopwatch.GetTimestamp();
        // The submitted plan was compiled before the wall starts; what is built from here on (a probe's or the stages'
        // tables, a variant, a resumed coordinator's compile) is the job's setup, reported as its build seconds.
        submittedPlan?.TakeBuildSeconds();
        var resumed = job.Counters.CoordinatorRuns > 1;
        if (resumed)
        {
            SerialClusterMetrics.JobResumed();
        }

        using var trace = SerialClusterActivitySource.StartJob(_job.JobId, spec, _job.LocalSilo.Name);
        try
        {
            var loadBefore = await ReadForeignLoadAsync();
            var planning = new JobPlanning(_job, _retries, _writer);
            var (progress, plan) = await planning.PrepareAsync(spec, submittedPlan);
            var stages = new StageLoop(_job, _retries, _writer, _chains);
            var (result, stagesRun) = progress.Pinned
                ? await stages.RunPinnedAsync(progress, plan, cancellationToken)
                : await stages.RunScatteredAsync(progress, plan, start, cancellationToken);
            var wall = resumed ? (_job.Time.GetUtcNow() - job.SubmittedAt).TotalSeconds : Stopwatch.GetElapsedTime(start).TotalSeconds;
            var built = plan.TakeBuildSeconds() + (submittedPlan is { } submitted && submitted != plan ? submitted.TakeBuildSeconds() : 0);
            var profile = ProfileBuilder.Build(
                plan, stagesRun, wall, progress.Stages, progress.Silos, progress.SerialSilo, progress.Parallelism, progress.Predictions,
                progress.ChosenMode, progress.PredictedSeconds, progress.CorrectedPredictedSeconds, progress.ChoiceReason, coordinatorBuildSeconds: built);
            var loadAfter = await ReadForeignLoadAsync();
            profile = profile with { ForeignCoresBefore = loadBefore.Foreign, ForeignCoresAfter = loadAfter.Foreign, MachineCores = loadAfter.Cores };
            if (!spec.WarmUp)
            {
                await planning.RecordCostsAsync(progress, wall);
            }

            job.Profile = profile;
            job.ResultJson = result;
            job.State = JobState.Completed;
            // A job that stopped early did fewer units than the plan's cap: the total becomes what it did, so its
            // progress ends at 100% (units done of units done), and the status agrees with the profile's work.
            job.UnitsTotal = profile.Work;
            _job.UnitsDone = job.UnitsTotal;
            LogJobCompleted(_job.Logger, _job.JobId, spec.Workload, spec.Mode, profile.WallSeconds);
            SerialClusterMetrics.JobCompleted(spec, plan, profile, stagesRun);
            SerialClusterActivitySource.JobFinished(trace, profile);
        }
        catch (JobSupersededException e)
        {
            // A newer coordinator holds the job: this activation's memory of it is stale. Let it go, so a call reaches
            // the job as stored, never this stopped run.
            LogSuperseded(_job.Logger, e, _job.JobId);
            SerialClusterMetrics.JobLeft();
            _chains.Forget();
            _job.Deactivate();
            return;
        }
        catch (Exception) when (_leaving || _lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // This silo is stopping: whatever that surfaced as (a cancelled call, a refused one), the job is not failed.
            // Its progress is stored and it stays Running; the next coordinator resumes it.
            await _writer.SaveQuietlyAsync();
            SerialClusterMetrics.JobLeft();
            return;
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            Stopped(spec);
        }
        catch (Exception e)
        {
            job.Error = e is OrleansException or TimeoutException ? $"{e.GetType().Name}: {e.Message}" : e.Message;
            job.State = JobState.Failed;
            LogJobFailed(_job.Logger, e, _job.JobId, spec.Workload);
        }

        if (job.State != JobState.Completed)
        {
            SerialClusterMetrics.JobFailed(spec);
            SerialClusterActivitySource.JobFailed(trace, job.Error);
        }

        _chains.Forget();
        await new JobOutcome(_job, _writer).StoreAsync();
    }

    /// <summary>The run was cancelled or its deadline passed: the chain is told to stop and the job says which.</summary>
    private void Stopped(JobSpec spec)
    {
        _chains.Stop();
        var job = _job.Job;
        if (_cancelReason is { } reason)
        {
            job.State = JobState.Cancelled;
            job.Error = reason;
        }
        else
        {
            job.State = JobState.Failed;
            job.Error = $"the job's deadline of {spec.DeadlineSeconds:0.###} s passed before it finished; it was stopped";
        }

        LogJobStopped(_job.Logger, _job.JobId, job.Error);
    }

    private static CancellationTokenSource CancelledSource()
    {
        var source = new CancellationTokenSource();
        source.Cancel();
        return source;
    }

    /// <summary>
    /// Other programs' load on the cluster's machines, read as the run starts and ends and kept with the profile, so a
    /// verdict on the job read later (`report`) knows whether the machine was busy. A cluster that does not answer: none.
    /// </summary>
    private async Task<(double? Foreign, int? Cores)> ReadForeignLoadAsync()
    {
        try
        {
            var view = await _retries.ReadClusterAsync(fresh: true);
            return (view.ForeignBusyCoresOfAllMachines(), view.TotalCores > 0 ? view.TotalCores : null);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            return (null, null);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} ({Workload}, {Mode}) completed in {WallSeconds:F3} s")]
    private static partial void LogJobCompleted(ILogger logger, string jobId, string workload, JobMode mode, double wallSeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} ({Workload}) failed")]
    private static partial void LogJobFailed(ILogger logger, Exception exception, string jobId, string workload);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} stopped: {Reason}")]
    private static partial void LogJobStopped(ILogger logger, string jobId, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: another coordinator took over; this one stops")]
    private static partial void LogSuperseded(ILogger logger, Exception exception, string jobId);
}
