using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SerialCluster.Abstractions.Execution;
using SerialCluster.Abstractions.Grains;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Grains.CostModel;
using SerialCluster.Grains.Diagnostics;
using SerialCluster.Grains.Execution;
using SerialCluster.Grains.Hosting;
using SerialCluster.Grains.Placement;
using SerialCluster.Kernels.Parameters;
using SerialCluster.Kernels.Plans;

namespace SerialCluster.Grains.Jobs;

/// <summary>
/// Coordinates one job: validates and compiles its plan, then runs it — pinned (the whole job in one
/// serial-chain activation) or scattered (chains to the serial silo, wide stages over every silo with at
/// most P tasks in flight, a barrier between stages) or, in auto mode, whichever the cost model predicts is
/// fastest — and measures the profile, with every mode's prediction beside it; the measurements then feed the cost
/// history. The run continues in the background of this activation; status queries interleave with it.
/// </summary>
public sealed partial class JobGrain(
    [PersistentState("job", SerialClusterStorage.Jobs)] IPersistentState<JobRecord> record,
    IClusterMembershipService membership,
    SerialClusterOptions options,
    ILocalSiloDetails localSilo,
    ILogger<JobGrain> logger)
    : Grain, IJobGrain
{
    public const int MaxParallelism = 4096;

    private long _unitsDone;
    private bool _runningHere;

    private string JobId => this.GetPrimaryKeyString();

    private JobRecord Job => record.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A stored job that says Running but has no run in this activation lost its coordinator (its silo died,
        // or it was collected mid-run). It cannot be resumed yet: say so rather than report Running forever.
        if (Job.State == JobState.Running && !_runningHere)
        {
            Job.State = JobState.Failed;
            Job.Error = "the job's coordinator was lost (its silo stopped or failed) before the job finished; submit it again";
            Job.FinishedAt = DateTimeOffset.UtcNow;
            await record.WriteStateAsync(cancellationToken);
        }

        if (Job.State == JobState.Completed)
        {
            _unitsDone = Job.UnitsTotal;
        }
    }

    public async Task<JobStatus> SubmitAsync(JobSpec spec)
    {
        if (Job.Spec is { } existing)
        {
            return SameSpec(existing, spec)
                ? Status()
                : Rejected(spec, $"job id '{JobId}' is already used by a different job");
        }

        WorkloadPlan plan;
        try
        {
            if (spec.Parallelism is < 0 or > MaxParallelism)
            {
                return Rejected(spec, $"parallelism {spec.Parallelism} is out of range; allowed: 1 to {MaxParallelism}, or 0 for every core");
            }

            plan = PlanCache.Compile(spec);
        }
        catch (Exception e) when (e is UnknownWorkloadException or InvalidParameterException)
        {
            return Rejected(spec, e.Message);
        }

        var accepted = spec with { Parameters = new Dictionary<string, string>(plan.Parameters.Canonical, StringComparer.Ordinal) };
        Job.Spec = accepted;
        Job.State = JobState.Running;
        Job.UnitsTotal = plan.Work;
        Job.Unit = plan.Unit;
        Job.SubmittedAt = DateTimeOffset.UtcNow;
        _runningHere = true;
        // Accepted means stored: a job the client was told about is never only in memory.
        await record.WriteStateAsync();
        SerialClusterMetrics.JobSubmitted(accepted);
        // A running job must outlive idle collection: its background run is not a request.
        DelayDeactivation(TimeSpan.FromDays(7));
        _ = RunInBackgroundAsync(accepted, plan);
        return Status();
    }

    public Task<JobStatus> GetStatusAsync() => Task.FromResult(Job.Spec is null ? JobStatus.NotFound(JobId) : Status());

    public Task ReportProgressAsync(long unitsDone)
    {
        if (Job.State == JobState.Running)
        {
            _unitsDone = Math.Max(_unitsDone, Math.Min(unitsDone, Job.UnitsTotal));
        }

        return Task.CompletedTask;
    }

    private async Task RunInBackgroundAsync(JobSpec spec, WorkloadPlan plan)
    {
        var start = Stopwatch.GetTimestamp();
        using var trace = SerialClusterActivitySource.StartJob(JobId, spec, localSilo.Name);
        try
        {
            var cluster = await ClusterView.ReadAsync(membership, GrainFactory);
            var parallelism = spec.Parallelism > 0 ? spec.Parallelism : cluster.TotalCores;
            var advisor = new CostAdvisor(GrainFactory, localSilo.Name, logger);
            var advice = await advisor.AdviseAsync(spec, plan, cluster, parallelism, options.SerialSilosTakeOverflow);
            var (result, stages, silos, serialSilo) = advice.Pinned
                ? await RunPinnedAsync(advice.Spec, cluster)
                : await RunScatteredAsync(advice.Spec, advice.Plan, cluster, parallelism, start);
            var wall = Stopwatch.GetElapsedTime(start).TotalSeconds;
            var profile = ProfileBuilder.Build(
                advice.Plan, wall, stages, silos, serialSilo, parallelism, advice.Predictions, advice.ChosenMode, advice.PredictedSeconds);
            await RecordCostsAsync(advisor, advice, stages, wall, serialSilo, parallelism);
            Job.Profile = profile;
            Job.ResultJson = result;
            Job.State = JobState.Completed;
            _unitsDone = Job.UnitsTotal;
            SerialClusterMetrics.JobCompleted(spec, advice.Plan, profile);
            SerialClusterActivitySource.JobFinished(trace, profile);
            LogJobCompleted(logger, JobId, spec.Workload, spec.Mode, profile.WallSeconds);
        }
        catch (Exception e)
        {
            Job.Error = e is OrleansException or TimeoutException ? $"{e.GetType().Name}: {e.Message}" : e.Message;
            Job.State = JobState.Failed;
            SerialClusterMetrics.JobFailed(spec);
            SerialClusterActivitySource.JobFailed(trace, Job.Error);
            LogJobFailed(logger, e, JobId, spec.Workload);
        }

        Job.FinishedAt = DateTimeOffset.UtcNow;
        _runningHere = false;
        await PersistFinishedAsync();
        // The result stays in storage; the activation may be collected after the default idle period.
        DelayDeactivation(TimeSpan.FromMinutes(15));
    }

    /// <summary>Stores the finished job; if storage refuses, the result is still served from memory and the failure logged.</summary>
    private async Task PersistFinishedAsync()
    {
        try
        {
            await record.WriteStateAsync();
        }
        catch (Exception e)
        {
            LogJobNotStored(logger, e, JobId);
        }
    }

    /// <summary>Feeds the cost history; a failure here costs the model one observation, never the job.</summary>
    private async Task RecordCostsAsync(CostAdvisor advisor, CostAdvice advice, List<StageProfile> stages, double wall, string? serialSilo, int parallelism)
    {
        try
        {
            await advisor.RecordAsync(advice, stages, wall, serialSilo, parallelism);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogCostsNotRecorded(logger, e, JobId);
        }
    }

    private async Task<(string Result, List<StageProfile> Stages, Dictionary<string, int> Silos, string? SerialSilo)> RunPinnedAsync(
        JobSpec spec, ClusterView cluster)
    {
        var serial = cluster.SerialSilo;
        var chain = GrainFactory.GetGrain<ISerialChainGrain>(SiloKey.Format(serial.Address, $"{JobId}/pinned"));
        var outcome = await chain.RunPinnedAsync(JobId, spec);
        return (outcome.ResultJson, outcome.Stages, new Dictionary<string, int> { [outcome.Silo] = outcome.Tasks }, outcome.Silo);
    }

    private async Task<(string Result, List<StageProfile> Stages, Dictionary<string, int> Silos, string? SerialSilo)> RunScatteredAsync(
        JobSpec spec, WorkloadPlan plan, ClusterView cluster, int parallelism, long jobStart)
    {
        var dispatcher = new ParallelStageDispatcher(GrainFactory);
        var parallelSilos = cluster.ParallelSilos(parallelism, options.SerialSilosTakeOverflow);
        var serial = cluster.SerialSilo;
        var stages = new List<StageProfile>();
        var silos = new Dictionary<string, int>(StringComparer.Ordinal);
        string? serialSilo = null;
        IReadOnlyList<byte[]> previous = [];
        long unitsBefore = 0;
        for (var stage = 0; stage < plan.Stages.Count; stage++)
        {
            var stageSpec = plan.Stages[stage];
            var accumulator = new StageAccumulator(stage, stageSpec, jobStart);
            using var stageTrace = SerialClusterActivitySource.StartStage(
                stage, stageSpec.Name, stageSpec.Kind.ToString().ToLowerInvariant(), stageSpec.TaskCount, localSilo.Name);
            var stageStart = Stopwatch.GetTimestamp();
            if (stageSpec.Kind == StageKind.Chain)
            {
                var input = plan.CreateTaskInput(stage, 0, previous);
                var chain = GrainFactory.GetGrain<ISerialChainGrain>(SiloKey.Format(serial.Address, $"{JobId}/{stage}"));
                var outcome = await chain.RunChainAsync(new ChainRequest(JobId, spec, stage, input, unitsBefore));
                accumulator.Add(outcome.Seconds, outcome.Silo, stageStart);
                serialSilo = outcome.Silo;
                previous = [outcome.Output];
            }
            else
            {
                previous = await dispatcher.RunAsync(
                    JobId, spec, plan, stage, previous, parallelSilos, parallelism, accumulator,
                    units => _unitsDone = Math.Min(Job.UnitsTotal, _unitsDone + units));
            }

            unitsBefore += stageSpec.WorkUnits;
            _unitsDone = Math.Max(_unitsDone, unitsBefore);
            stages.Add(accumulator.ToProfile(Stopwatch.GetElapsedTime(stageStart).TotalSeconds));
            foreach (var (name, count) in accumulator.Silos)
            {
                silos[name] = silos.GetValueOrDefault(name) + count;
            }
        }

        return (plan.Finish(previous).ToJsonString(), stages, silos, serialSilo);
    }

    private JobStatus Status() =>
        new(JobId, Job.State, _unitsDone, Job.UnitsTotal, Job.Unit, Job.Error, Job.ResultJson, Job.Profile, Job.Spec);

    private JobStatus Rejected(JobSpec spec, string reason) =>
        new(JobId, JobState.Rejected, 0, 0, string.Empty, reason, null, null, spec);

    private static bool SameSpec(JobSpec a, JobSpec b) =>
        string.Equals(a.Workload, b.Workload, StringComparison.OrdinalIgnoreCase) && a.Mode == b.Mode && a.Parallelism == b.Parallelism &&
        PlanCache.Compile(b).Parameters.Canonical.SequenceEqual(a.Parameters);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} ({Workload}, {Mode}) completed in {WallSeconds:F3} s")]
    private static partial void LogJobCompleted(ILogger logger, string jobId, string workload, JobMode mode, double wallSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: its measurements could not be added to the cost history")]
    private static partial void LogCostsNotRecorded(ILogger logger, Exception exception, string jobId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId}: its finished state could not be stored")]
    private static partial void LogJobNotStored(ILogger logger, Exception exception, string jobId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} ({Workload}) failed")]
    private static partial void LogJobFailed(ILogger logger, Exception exception, string jobId, string workload);
}
