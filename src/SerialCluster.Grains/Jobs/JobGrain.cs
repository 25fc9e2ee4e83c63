using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Grains.CostModel;
using SerialCluster.Grains.Diagnostics;
using SerialCluster.Grains.Hosting;
using SerialCluster.Grains.Limits;
using SerialCluster.Grains.Placement;
using SerialCluster.Grains.Reliability;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Grains.Jobs;

/// <summary>
/// Coordinates one job: admits it (<see cref="JobAdmission"/>), then runs it in the background of this activation
/// (<see cref="JobRun"/>) while status queries interleave with the run. The job is durable: its progress is stored as
/// it is committed, and a coordinator activated for a job that is still running — after its silo was lost, or the
/// cluster restarted, woken by the job keepers — resumes from there.
/// </summary>
[CoordinatorPlacement]
public sealed partial class JobGrain(
    [PersistentState(JobRecord.StateName, SerialClusterStorage.Jobs)] IPersistentState<JobRecord> record,
    IClusterMembershipService membership,
    SerialClusterOptions options,
    ILocalSiloDetails localSilo,
    IHostApplicationLifetime lifetime,
    JobAdmission admission,
    CostAdvisor costAdvisor,
    TimeProvider time,
    ILogger<JobGrain> logger)
    : Grain, IJobGrain
{
    private JobContext? _context;
    private JobRun? _run;

    private JobContext Context => _context ??= new JobContext(
        this.GetPrimaryKeyString(), record, GrainFactory, ServiceProvider, membership, options, costAdvisor, localSilo, time, logger,
        DelayDeactivation, DeactivateOnIdle);

    private string JobId => Context.JobId;

    private JobRecord Job => record.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Job.State == JobState.Completed)
        {
            Context.UnitsDone = Job.UnitsTotal;
        }

        if (Job.State == JobState.Running && Job.Spec is { } spec)
        {
            // The job's last coordinator was lost (its silo died or stopped, or the cluster restarted). Claim the job —
            // the write changes the ETag, so the old one's writes are refused from now on — and resume it.
            Job.Counters.CoordinatorRuns++;
            await record.WriteStateAsync(cancellationToken);
            Context.UnitsDone = Job.Progress?.UnitsBefore ?? 0;
            LogResuming(logger, JobId, Job.Counters.CoordinatorRuns, Job.Progress?.Stage ?? 0);
            _run = JobRun.Start(Context, lifetime, spec, plan: null);
            admission.Gate.Hold(JobId, 0, _run.Completion);
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_run is { IsRunning: true } run)
        {
            // The silo is shutting down (or the activation is otherwise going): store the progress and stop; the
            // job stays Running and the next coordinator resumes it.
            await run.LeaveAsync(cancellationToken);
        }
    }

    public async Task<JobStatus> SubmitAsync(JobSpec spec)
    {
        var admitted = admission.Admit(spec);
        if (admitted.IsOverLimit)
        {
            LogRefused(logger, JobId, admitted.Refusal!);
            return Rejected(spec, admitted.Refusal!);
        }

        if (Job.Spec is { } existing)
        {
            return SameSpec(existing, spec, admitted.Plan)
                ? Context.Status()
                : Rejected(spec, $"job id '{JobId}' is already used by a different job");
        }

        if (admitted.Plan is not { } plan)
        {
            return Rejected(spec, admitted.Refusal!);
        }

        if (admission.Gate.Refusal(admitted.PlanBytes) is { } busy)
        {
            LogRefused(logger, JobId, busy);
            return Rejected(spec, busy);
        }

        var accepted = spec with { Parameters = new Dictionary<string, string>(plan.Parameters.Canonical, StringComparer.Ordinal) };
        Job.Spec = accepted;
        Job.State = JobState.Running;
        Job.UnitsTotal = plan.Work;
        Job.Unit = plan.Unit;
        Job.SubmittedAt = time.GetUtcNow();
        Job.Deadline = spec.DeadlineSeconds > 0 ? Job.SubmittedAt + TimeSpan.FromSeconds(spec.DeadlineSeconds) : null;
        Job.Counters.CoordinatorRuns = 1;
        // Listed first, so the keepers find it whatever happens next; then stored: accepted means stored.
        try
        {
            await Context.Registry.RecordAsync(Context.Summary());
            await record.WriteStateAsync();
        }
        catch
        {
            // Not accepted, but held in memory: a client's retry with this id must meet what storage holds, not this.
            DeactivateOnIdle();
            throw;
        }

        SerialClusterMetrics.JobSubmitted(accepted);
        _run = JobRun.Start(Context, lifetime, accepted, plan);
        admission.Gate.Hold(JobId, admitted.PlanBytes, _run.Completion);
        return Context.Status();
    }

    public Task<JobStatus> GetStatusAsync() => Task.FromResult(Job.Spec is null ? JobStatus.NotFound(JobId) : Context.Status());

    public Task ReportProgressAsync(long unitsDone)
    {
        if (Job.State == JobState.Running)
        {
            Context.UnitsDone = Math.Max(Context.UnitsDone, Math.Min(unitsDone, Job.UnitsTotal));
        }

        return Task.CompletedTask;
    }

    public async Task<JobStatus> CancelAsync(string reason)
    {
        if (Job.Spec is null)
        {
            return JobStatus.NotFound(JobId);
        }

        var why = string.IsNullOrWhiteSpace(reason) ? "cancelled" : reason;
        if (Job.State == JobState.Running && _run is { IsRunning: true } run)
        {
            await run.CancelAsync(why);
        }
        else if (Job.State == JobState.Running)
        {
            await StrandedJob.CancelAsync(Context, why);
        }

        return Context.Status();
    }

    public async Task<bool> DeleteAsync()
    {
        if (Job.Spec is not null && Job.State == JobState.Running)
        {
            // Deleting a running job cancels it first: delete works in any state.
            await CancelAsync("cancelled: the job was deleted");
        }

        if (Job.Spec is null || Job.State == JobState.Running)
        {
            return false;
        }

        await ChainCheckpointIndex.DeleteAllAsync(ServiceProvider, JobId);
        await record.ClearStateAsync();
        record.State = new JobRecord();
        await Context.Registry.ForgetAsync(JobId);
        DeactivateOnIdle();
        return true;
    }

    public Task KeepAliveAsync() => Task.CompletedTask;

    public Task<JobReliability> GetReliabilityAsync()
    {
        var c = Job.Counters;
        var (retried, duplicates, committed) = _run?.Unfolded ?? (0, 0, 0);
        return Task.FromResult(new JobReliability(
            JobId, c.CoordinatorRuns, c.TasksRetried + retried, c.DuplicatesDiscarded + duplicates, c.TasksCommitted + committed, c.ChainRestarts,
            c.Checkpoints, c.CheckpointSeconds, c.ChainComputeSeconds, [.. c.ResumedFromSteps], c.CheckpointSteps));
    }

    private JobStatus Rejected(JobSpec spec, string reason) =>
        new(JobId, JobState.Rejected, 0, 0, string.Empty, reason, null, null, spec);

    /// <summary>
    /// A repeated submission of the stored job: same workload, mode, P, deadline and canonical parameters. A spec whose
    /// parameters do not compile is never the same as an admitted one.
    /// </summary>
    private static bool SameSpec(JobSpec a, JobSpec b, WorkloadPlan? compiledB) =>
        string.Equals(a.Workload, b.Workload, StringComparison.OrdinalIgnoreCase) && a.Mode == b.Mode && a.Parallelism == b.Parallelism &&
        a.DeadlineSeconds.Equals(b.DeadlineSeconds) && compiledB is not null && compiledB.Parameters.Canonical.SequenceEqual(a.Parameters);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: resuming as coordinator run {Run}, at stage {Stage}")]
    private static partial void LogResuming(ILogger logger, string jobId, int run, int stage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} refused: {Refusal}")]
    private static partial void LogRefused(ILogger logger, string jobId, string refusal);
}
