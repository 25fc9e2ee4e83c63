using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using SerialCluster.Abstractions.Execution;
using SerialCluster.Abstractions.Grains;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Grains.CostModel;
using SerialCluster.Grains.Diagnostics;
using SerialCluster.Grains.Execution;
using SerialCluster.Grains.Hosting;
using SerialCluster.Grains.Placement;
using SerialCluster.Grains.Reliability;
using SerialCluster.Kernels.Parameters;
using SerialCluster.Kernels.Plans;

namespace SerialCluster.Grains.Jobs;

/// <summary>
/// Coordinates one job: validates and compiles its plan, then runs it — pinned (the whole job in one
/// serial-chain activation) or scattered (chains to the serial silo, wide stages over every silo with at
/// most P tasks in flight, a barrier between stages) or, in auto mode, whichever the cost model predicts is
/// fastest — and measures the profile, with every mode's prediction beside it; the measurements then feed the cost
/// history. The run continues in the background of this activation; status queries interleave with it.
/// The job is durable: its progress (stage outputs, task results by id) is stored as it is committed, and a
/// coordinator activated for a job that is still running — after its silo was lost, or the cluster restarted, woken
/// by the job keepers — resumes from there. Work on a lost silo is sent again; chains resume from their checkpoints.
/// </summary>
public sealed partial class JobGrain(
    [PersistentState("job", SerialClusterStorage.Jobs)] IPersistentState<JobRecord> record,
    IClusterMembershipService membership,
    SerialClusterOptions options,
    CostHistoryCache costHistories,
    ILocalSiloDetails localSilo,
    IHostApplicationLifetime lifetime,
    ILogger<JobGrain> logger)
    : Grain, IJobGrain
{
    public const int MaxParallelism = 4096;

    /// <summary>The pause before a failed stage or chain is started again, times the attempt number.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest deadline a job may ask for.</summary>
    public static readonly TimeSpan MaxDeadline = TimeSpan.FromDays(7);

    private long _unitsDone;
    private CancellationTokenSource? _run;
    private Task _running = Task.CompletedTask;
    private string? _cancelReason;
    private bool _deactivating;
    private ISerialChainGrain? _chain;
    /// <summary>Committed compute per second of progress writing, at least (see <see cref="SaveIfDueAsync"/>).</summary>
    public const double SaveCostRatio = 100;

    /// <summary>
    /// What storing one committed task result is assumed to cost at least, before a write has measured it (the JSON
    /// grain storage serializer writes each result as text, ~50 bytes, and the storage copies it): a stage's first write
    /// is held to the 1% rule too, so a million 1-sample tasks (0.1 s of work) are not stored as a seconds-long write.
    /// </summary>
    public static readonly TimeSpan WriteCostPerResult = TimeSpan.FromMicroseconds(1);

    private TaskLedger? _ledger;
    private (int Retried, int Duplicates, int Committed) _folded;
    private long _lastSave;
    private double _lastSaveSeconds;
    private double _workSinceSave;
    private int _chainStarts;
    private long _jobStart;
    private (ClusterView View, long At, MembershipVersion Version)? _view;

    /// <summary>
    /// How long a view of the cluster read by this coordinator is used again for the job's next step (its run, each of
    /// its stages) while membership has not changed: each read is a call to every silo, which a stepped job's
    /// thousands of short stages paid once each. A retry after a failure always reads afresh.
    /// </summary>
    public static readonly TimeSpan ClusterViewReuse = TimeSpan.FromSeconds(1);

    private string JobId => this.GetPrimaryKeyString();

    private JobRecord Job => record.State;

    private ReliabilityOptions Reliability => options.Reliability;

    private IJobRegistryGrain Registry => GrainFactory.GetGrain<IJobRegistryGrain>(IJobRegistryGrain.Key);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Job.State == JobState.Completed)
        {
            _unitsDone = Job.UnitsTotal;
        }

        if (Job.State == JobState.Running && Job.Spec is { } spec)
        {
            // The job's last coordinator was lost (its silo died or stopped, or the cluster restarted). Claim the job —
            // the write changes the ETag, so the old one's writes are refused from now on — and resume it.
            Job.Counters.CoordinatorRuns++;
            await record.WriteStateAsync(cancellationToken);
            _unitsDone = Job.Progress?.UnitsBefore ?? 0;
            LogResuming(logger, JobId, Job.Counters.CoordinatorRuns, Job.Progress?.Stage ?? 0);
            Start(spec);
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_run is { } run && !_running.IsCompleted)
        {
            // The silo is shutting down (or the activation is otherwise going): store the progress and stop; the
            // job stays Running and the next coordinator resumes it.
            _deactivating = true;
            await run.CancelAsync();
            await _running.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
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

            if (!(spec.DeadlineSeconds >= 0 && spec.DeadlineSeconds <= MaxDeadline.TotalSeconds))
            {
                return Rejected(spec, $"deadline {spec.DeadlineSeconds} s is out of range; allowed: 0 (none) or up to {MaxDeadline.TotalSeconds:F0} s");
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
        Job.Deadline = spec.DeadlineSeconds > 0 ? Job.SubmittedAt + TimeSpan.FromSeconds(spec.DeadlineSeconds) : null;
        Job.Counters.CoordinatorRuns = 1;
        // Listed first, so the keepers find it whatever happens next; then stored: accepted means stored.
        await Registry.RecordAsync(Summary());
        await record.WriteStateAsync();
        SerialClusterMetrics.JobSubmitted(accepted);
        Start(accepted, plan);
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

    public async Task<JobStatus> CancelAsync(string reason)
    {
        if (Job.Spec is null)
        {
            return JobStatus.NotFound(JobId);
        }

        if (Job.State == JobState.Running && _run is { } run)
        {
            _cancelReason = string.IsNullOrWhiteSpace(reason) ? "cancelled" : reason;
            await run.CancelAsync();
            await _running.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        }

        return Status();
    }

    public async Task<bool> DeleteAsync()
    {
        if (Job.Spec is null || Job.State == JobState.Running)
        {
            return false;
        }

        await record.ClearStateAsync();
        record.State = new JobRecord();
        await Registry.ForgetAsync(JobId);
        DeactivateOnIdle();
        return true;
    }

    public Task KeepAliveAsync() => Task.CompletedTask;

    public Task<JobReliability> GetReliabilityAsync()
    {
        var c = Job.Counters;
        var (retried, duplicates, committed) = _ledger is { } l
            ? (l.Retried - _folded.Retried, l.Duplicates - _folded.Duplicates, l.Committed - l.Restored - _folded.Committed)
            : (0, 0, 0);
        return Task.FromResult(new JobReliability(
            JobId, c.CoordinatorRuns, c.TasksRetried + retried, c.DuplicatesDiscarded + duplicates, c.TasksCommitted + committed, c.ChainRestarts,
            c.Checkpoints, c.CheckpointSeconds, c.ChainComputeSeconds, [.. c.ResumedFromSteps], c.CheckpointSteps));
    }

    private void Start(JobSpec spec, WorkloadPlan? plan = null)
    {
        _run = new CancellationTokenSource();
        if (Job.Deadline is { } deadline)
        {
            var left = deadline - DateTimeOffset.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                _run.Cancel();
            }
            else
            {
                _run.CancelAfter(left);
            }
        }

        // A running job must outlive idle collection: its background run is not a request.
        DelayDeactivation(MaxDeadline);
        _running = RunInBackgroundAsync(spec, plan, _run.Token);
    }

    private async Task RunInBackgroundAsync(JobSpec spec, WorkloadPlan? submittedPlan, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        _jobStart = start;
        // The submitted plan was compiled before the wall starts; what is built from here on (a probe's or the stages'
        // tables, a variant, a resumed coordinator's compile) is the job's setup, reported as its build seconds.
        submittedPlan?.TakeBuildSeconds();
        var resumed = Job.Counters.CoordinatorRuns > 1;
        if (resumed)
        {
            SerialClusterMetrics.JobResumed();
        }

        using var trace = SerialClusterActivitySource.StartJob(JobId, spec, localSilo.Name);
        try
        {
            CostAdvisor? advisor = null;
            CostAdvice? advice = null;
            var progress = Job.Progress;
            WorkloadPlan plan;
            if (progress is null)
            {
                var cluster = await ReadClusterAsync(fresh: true);
                var parallelism = spec.Parallelism > 0 ? spec.Parallelism : cluster.TotalCores;
                advisor = new CostAdvisor(GrainFactory, costHistories, localSilo.Name, logger);
                advice = await advisor.AdviseAsync(spec, submittedPlan ?? PlanCache.Compile(spec), cluster, parallelism, options.SerialSilosTakeOverflow);
                progress = new JobProgress
                {
                    RunSpec = advice.Spec,
                    Pinned = advice.Pinned,
                    Parallelism = parallelism,
                    Predictions = advice.Predictions,
                    ChosenMode = advice.ChosenMode,
                    PredictedSeconds = advice.PredictedSeconds,
                    CorrectedPredictedSeconds = advice.CorrectedPredictedSeconds,
                    ChoiceReason = advice.ChoiceReason,
                };
                Job.Progress = progress;
                await SaveAsync();
                plan = advice.Plan;
            }
            else
            {
                plan = PlanCache.Compile(progress.RunSpec);
            }

            var (result, stagesRun) = progress.Pinned
                ? await RunPinnedAsync(progress, plan, cancellationToken)
                : await RunScatteredAsync(progress, plan, cancellationToken);
            var wall = resumed ? (DateTimeOffset.UtcNow - Job.SubmittedAt).TotalSeconds : Stopwatch.GetElapsedTime(start).TotalSeconds;
            var built = plan.TakeBuildSeconds() + (submittedPlan is { } submitted && submitted != plan ? submitted.TakeBuildSeconds() : 0);
            var profile = ProfileBuilder.Build(
                plan, stagesRun, wall, progress.Stages, progress.Silos, progress.SerialSilo, progress.Parallelism, progress.Predictions, progress.ChosenMode, progress.PredictedSeconds,
                progress.CorrectedPredictedSeconds, progress.ChoiceReason, coordinatorBuildSeconds: built);
            if (advisor is not null && advice is not null)
            {
                // Only an uninterrupted run measures what the cost model learns from.
                await RecordCostsAsync(advisor, advice, progress.Stages, wall, progress.SerialSilo, progress.Parallelism);
            }

            Job.Profile = profile;
            Job.ResultJson = result;
            Job.State = JobState.Completed;
            // A job that stopped early did fewer units than the plan's cap: the total becomes what it did, so its
            // progress ends at 100% (units done of units done), and the status agrees with the profile's work.
            Job.UnitsTotal = profile.Work;
            _unitsDone = Job.UnitsTotal;
            LogJobCompleted(logger, JobId, spec.Workload, spec.Mode, profile.WallSeconds);
            SerialClusterMetrics.JobCompleted(spec, plan, profile, stagesRun);
            SerialClusterActivitySource.JobFinished(trace, profile);
        }
        catch (JobSupersededException e)
        {
            LogSuperseded(logger, e, JobId);
            SerialClusterMetrics.JobLeft();
            return;
        }
        catch (Exception) when (_deactivating || lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // This silo is stopping: whatever that surfaced as (a cancelled call, a refused one), the job is not failed.
            // Its progress is stored and it stays Running; the next coordinator resumes it.
            await SaveQuietlyAsync();
            SerialClusterMetrics.JobLeft();
            return;
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            StopChain();
            if (_cancelReason is { } reason)
            {
                Job.State = JobState.Cancelled;
                Job.Error = reason;
            }
            else
            {
                Job.State = JobState.Failed;
                Job.Error = $"the job's deadline of {spec.DeadlineSeconds:0.###} s passed before it finished; it was stopped";
            }

            LogJobStopped(logger, JobId, Job.Error);
        }
        catch (Exception e)
        {
            Job.Error = e is OrleansException or TimeoutException ? $"{e.GetType().Name}: {e.Message}" : e.Message;
            Job.State = JobState.Failed;
            LogJobFailed(logger, e, JobId, spec.Workload);
        }

        if (Job.State != JobState.Completed)
        {
            SerialClusterMetrics.JobFailed(spec);
            SerialClusterActivitySource.JobFailed(trace, Job.Error);
        }

        Job.FinishedAt = DateTimeOffset.UtcNow;
        Job.Progress = null;
        _chain = null;
        if (!await PersistFinishedAsync())
        {
            return;
        }

        try
        {
            await Registry.RecordAsync(Summary());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogNotListed(logger, e, JobId);
        }

        // The result stays in storage; the activation may be collected after the default idle period.
        DelayDeactivation(TimeSpan.FromMinutes(15));
    }

    /// <summary>Stores the finished job; if storage refuses, the result is still served from memory and the failure logged. False when superseded.</summary>
    private async Task<bool> PersistFinishedAsync()
    {
        try
        {
            FoldLedger();
            await record.WriteStateAsync();
            return true;
        }
        catch (InconsistentStateException e)
        {
            LogSuperseded(logger, e, JobId);
            return false;
        }
        catch (Exception e)
        {
            LogJobNotStored(logger, e, JobId);
            return true;
        }
    }

    /// <summary>Stores the progress now; a refused write means another coordinator took over, and this run stops.</summary>
    private async Task SaveAsync()
    {
        FoldLedger();
        if (_ledger is { } ledger && Job.Progress is { } progress)
        {
            progress.Committed = ledger.ToStored();
        }

        try
        {
            var writing = Stopwatch.GetTimestamp();
            await record.WriteStateAsync();
            _lastSaveSeconds = Stopwatch.GetElapsedTime(writing).TotalSeconds;
            _ledger?.TakeUnsaved();
            _workSinceSave = 0;
            _lastSave = Stopwatch.GetTimestamp();
        }
        catch (InconsistentStateException e)
        {
            throw new JobSupersededException(JobId, e);
        }
    }

    /// <summary>Stores the committed task results when the write interval has passed since the last write.</summary>
    /// <remarks>
    /// Also only when the compute committed since the last write is at least <see cref="SaveCostRatio"/> times what
    /// that write took: the rule chain checkpoints follow, so storing progress never costs more than 1% of the work it
    /// protects. A write not yet measured in this run is assumed to cost <see cref="WriteCostPerResult"/> per result it
    /// holds (task results and the previous stage's outputs). A stage of a million 1-sample tasks (0.1 s of work, each write a copy of every result so far) is then not
    /// stored at all, instead of every second; a coordinator that takes over recomputes at most that.
    /// </remarks>
    private Task SaveIfDueAsync() =>
        Stopwatch.GetElapsedTime(_lastSave) >= Reliability.ProgressWriteInterval
        && _workSinceSave + (_ledger?.UnsavedSeconds ?? 0) >= SaveCostRatio * Math.Max(_lastSaveSeconds, ((_ledger?.Committed ?? 0) + (Job.Progress?.Previous.Count ?? 0)) * WriteCostPerResult.TotalSeconds)
            ? SaveAsync()
            : Task.CompletedTask;

    private async Task SaveQuietlyAsync()
    {
        try
        {
            await SaveAsync();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogJobNotStored(logger, e, JobId);
        }
    }

    /// <summary>Adds what the current stage's ledger counted since the last fold to the stored counters.</summary>
    private void FoldLedger()
    {
        if (_ledger is not { } l)
        {
            return;
        }

        var committed = l.Committed - l.Restored;
        Job.Counters.TasksRetried += l.Retried - _folded.Retried;
        Job.Counters.DuplicatesDiscarded += l.Duplicates - _folded.Duplicates;
        Job.Counters.TasksCommitted += committed - _folded.Committed;
        _folded = (l.Retried, l.Duplicates, committed);
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

    /// <summary>
    /// Runs <paramref name="attempt"/> until it succeeds, starting it again (on a fresh view of the cluster) after a lost
    /// silo or a transient failure, up to the configured attempts in a row without progress (a long chain may lose its
    /// silo many times).
    /// </summary>
    private async Task<T> WithRetriesAsync<T>(string what, Func<ClusterView, Task<T>> attempt, CancellationToken cancellationToken)
    {
        for (var tries = 1; ; tries++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var unitsBefore = _unitsDone;
            try
            {
                var cluster = await ReadClusterAsync(fresh: tries > 1);
                return await attempt(cluster);
            }
            catch (Exception e) when (TransientFailure.IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                if (_unitsDone > unitsBefore)
                {
                    // The attempt got somewhere before it was cut off: only failures in a row without progress count.
                    tries = 1;
                }
                else if (tries >= Reliability.TaskAttempts)
                {
                    throw;
                }

                LogRetrying(logger, e, JobId, what, tries);
                await SaveQuietlyAsync();
                // Give membership time to settle (a lost silo declared dead, a new one joined) before the next attempt.
                await Task.Delay(RetryDelay * tries, cancellationToken);
            }
        }
    }

    /// <summary>The cluster as this coordinator read it within <see cref="ClusterViewReuse"/> and the same membership, else read now.</summary>
    private async Task<ClusterView> ReadClusterAsync(bool fresh)
    {
        var version = membership.CurrentSnapshot.Version;
        if (!fresh && _view is { } seen && seen.Version == version && Stopwatch.GetElapsedTime(seen.At) < ClusterViewReuse)
        {
            return seen.View;
        }

        var view = await ClusterView.ReadAsync(membership, GrainFactory);
        _view = (view, Stopwatch.GetTimestamp(), version);
        return view;
    }

    /// <summary>Runs the whole job on the serial silo; returns its result and the plan's stages it did (fewer when it stopped early).</summary>
    private async Task<(string Result, int StagesRun)> RunPinnedAsync(JobProgress progress, WorkloadPlan plan, CancellationToken cancellationToken)
    {
        var watch = new SiloWatch(membership);
        var outcome = await WithRetriesAsync(
            "the pinned run",
            async cluster =>
            {
                var serial = cluster.SerialSilo;
                var chain = GrainFactory.GetGrain<ISerialChainGrain>(SiloKey.Format(serial.Address, $"{JobId}/pinned"));
                _chain = chain;
                CountChainStart();
                return await watch.CallAsync(serial.Address, chain.RunPinnedAsync(JobId, progress.RunSpec), cancellationToken);
            },
            cancellationToken);
        CountChain(outcome.Checkpoints, outcome.CheckpointSeconds, outcome.ComputeSeconds, outcome.ResumedFrom, outcome.CheckpointSteps);
        progress.Stages = outcome.Stages;
        progress.Silos = new Dictionary<string, int>(StringComparer.Ordinal) { [outcome.Silo] = outcome.Tasks };
        progress.SerialSilo = outcome.Silo;
        await ClearCheckpointAsync("pinned");
        return (outcome.ResultJson, outcome.StagesRun ?? plan.Stages.Count);
    }

    /// <summary>
    /// Runs the plan's stages from the stored next stage; returns the result and the stages done. The plan may stop early
    /// (<see cref="WorkloadPlan.IsComplete"/>): the rule is asked before each stage about the stage before it, from the
    /// stored outputs, so a coordinator that resumes a job after its last stored stage end stops at the same stage.
    /// </summary>
    private async Task<(string Result, int StagesRun)> RunScatteredAsync(JobProgress progress, WorkloadPlan plan, CancellationToken cancellationToken)
    {
        var watch = new SiloWatch(membership);
        var dispatcher = new StageDispatcherSelector(GrainFactory, watch, Reliability.TaskAttempts, options.BatchWideStages, localSilo.SiloAddress);
        // Chain checkpoints being deleted while the job goes on (awaited before it finishes).
        var clearing = new List<Task>();
        for (var stage = progress.Stage; stage < plan.Stages.Count && !(stage > 0 && plan.IsComplete(stage - 1, progress.Previous)); stage++)
        {
            var stageSpec = plan.Stages[stage];
            var accumulator = new StageAccumulator(stage, stageSpec, _jobStart);
            using var stageTrace = SerialClusterActivitySource.StartStage(
                stage, stageSpec.Name, stageSpec.Kind.ToString().ToLowerInvariant(), stageSpec.TaskCount, localSilo.Name);
            var stageStart = Stopwatch.GetTimestamp();
            var index = stage;
            IReadOnlyList<byte[]> previous = progress.Previous;
            byte[][] outputs;
            if (stageSpec.Kind == StageKind.Chain)
            {
                var input = plan.CreateTaskInput(stage, 0, previous);
                var outcome = await WithRetriesAsync(
                    $"chain stage {stage}",
                    async cluster =>
                    {
                        var serial = cluster.SerialSilo;
                        var chain = GrainFactory.GetGrain<ISerialChainGrain>(SiloKey.Format(serial.Address, $"{JobId}/{index}"));
                        _chain = chain;
                        CountChainStart();
                        return await watch.CallAsync(
                            serial.Address, chain.RunChainAsync(new ChainRequest(JobId, progress.RunSpec, index, input, progress.UnitsBefore)), cancellationToken);
                    },
                    cancellationToken);
                CountChain(outcome.Checkpoints, outcome.CheckpointSeconds, outcome.Seconds, outcome.ResumedFrom, outcome.CheckpointSteps);
                accumulator.Add(outcome.Seconds, outcome.Silo, stageStart);
                progress.SerialSilo = outcome.Silo;
                outputs = [outcome.Output];
            }
            else
            {
                var ledger = new TaskLedger(stageSpec.TaskCount, progress.Committed);
                _ledger = ledger;
                _folded = (0, 0, 0);
                outputs = await WithRetriesAsync(
                    $"parallel stage {stage}",
                    cluster =>
                    {
                        // Tasks the ledger holds are not sent again; a fresh accumulator counts them once.
                        stageStart = Stopwatch.GetTimestamp();
                        accumulator = new StageAccumulator(index, stageSpec, _jobStart);
                        _unitsDone = progress.UnitsBefore;
                        var parallelSilos = cluster.ParallelSilos(progress.Parallelism, options.SerialSilosTakeOverflow);
                        return dispatcher.RunAsync(
                            new StageRun(
                                JobId, progress.RunSpec, plan, index, previous, parallelSilos, progress.Parallelism, accumulator,
                                units => _unitsDone = Math.Min(Job.UnitsTotal, _unitsDone + units),
                                ledger, SaveIfDueAsync),
                            cancellationToken);
                    },
                    cancellationToken);
            }

            // The stage is committed: its outputs, profile and units stored before the next stage starts.
            FoldLedger();
            _workSinceSave += _ledger?.UnsavedSeconds ?? 0;
            _ledger = null;
            progress.UnitsBefore += stageSpec.WorkUnits;
            _unitsDone = Math.Max(_unitsDone, progress.UnitsBefore);
            progress.Stages.Add(accumulator.ToProfile(Stopwatch.GetElapsedTime(stageStart).TotalSeconds));
            foreach (var (name, count) in accumulator.Silos)
            {
                progress.Silos[name] = progress.Silos.GetValueOrDefault(name) + count;
            }

            progress.Previous = outputs; // the stage's own array (the ledger's, for a parallel stage): not copied
            progress.Committed = new CommittedTasks();
            progress.Stage = stage + 1;
            if (stageSpec.Kind == StageKind.Chain)
            {
                // The chain's own checkpoint goes only once the stage's end is stored. Deleting it (a read and a clear)
                // is off the critical path: the next stage starts at once and the job awaits the deletion before it
                // finishes (on a loaded machine a warm amdahl job waited 0.3–7 ms here, the first job after a start ~90 ms).
                await SaveAsync();
                clearing.Add(ClearCheckpointAsync(stage.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
            else
            {
                // Stepped workloads run thousands of short stages: storing each one's end (a storage round trip with a
                // growing record) cost more than the stages themselves (eca 256 cells × 10⁴ steps scattered took 16 s
                // with Redis). Stage ends are stored like task results, at most every ProgressWriteInterval; a new
                // coordinator recomputes at most that much (stages are pure).
                await SaveIfDueAsync();
            }
        }

        await Task.WhenAll(clearing);
        return (plan.Finish(progress.Previous).ToJsonString(), progress.Stage);
    }

    /// <summary>Counts a chain started again within this coordinator (a resumed coordinator's first start is a resume, not a restart).</summary>
    private void CountChainStart()
    {
        if (_chainStarts++ > 0)
        {
            Job.Counters.ChainRestarts++;
        }
    }

    private void CountChain(int checkpoints, double checkpointSeconds, double computeSeconds, List<long>? resumedFrom, long checkpointSteps)
    {
        _chainStarts = 0;
        var c = Job.Counters;
        c.Checkpoints += checkpoints;
        c.CheckpointSeconds += checkpointSeconds;
        c.ChainComputeSeconds += computeSeconds;
        c.CheckpointSteps = Math.Max(c.CheckpointSteps, checkpointSteps);
        c.ResumedFromSteps.AddRange(resumedFrom ?? []);
    }

    private async Task ClearCheckpointAsync(string chain)
    {
        try
        {
            await ChainCheckpointStore.ClearAsync(ServiceProvider, ChainCheckpointStore.KeyOf(JobId, chain));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogCheckpointNotCleared(logger, e, JobId, chain);
        }
    }

    /// <summary>Tells the chain running this job's work to stop at its next batch (the job was cancelled or ran out of time).</summary>
    private void StopChain()
    {
        if (_chain is { } chain)
        {
            SiloWatch.Observe(chain.CancelAsync(JobId));
        }
    }

    private JobSummary Summary() =>
        new(JobId, Job.Spec?.Workload ?? string.Empty, Job.Spec?.Mode ?? JobMode.Scatter, Job.State, Job.SubmittedAt, Job.FinishedAt, Job.Error);

    private JobStatus Status() =>
        new(JobId, Job.State, _unitsDone, Job.UnitsTotal, Job.Unit, Job.Error, Job.ResultJson, Job.Profile, Job.Spec);

    private JobStatus Rejected(JobSpec spec, string reason) =>
        new(JobId, JobState.Rejected, 0, 0, string.Empty, reason, null, null, spec);

    private static bool SameSpec(JobSpec a, JobSpec b) =>
        string.Equals(a.Workload, b.Workload, StringComparison.OrdinalIgnoreCase) && a.Mode == b.Mode && a.Parallelism == b.Parallelism &&
        a.DeadlineSeconds.Equals(b.DeadlineSeconds) && PlanCache.Compile(b).Parameters.Canonical.SequenceEqual(a.Parameters);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} ({Workload}, {Mode}) completed in {WallSeconds:F3} s")]
    private static partial void LogJobCompleted(ILogger logger, string jobId, string workload, JobMode mode, double wallSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: its measurements could not be added to the cost history")]
    private static partial void LogCostsNotRecorded(ILogger logger, Exception exception, string jobId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId}: its state could not be stored")]
    private static partial void LogJobNotStored(ILogger logger, Exception exception, string jobId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} ({Workload}) failed")]
    private static partial void LogJobFailed(ILogger logger, Exception exception, string jobId, string workload);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} stopped: {Reason}")]
    private static partial void LogJobStopped(ILogger logger, string jobId, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: resuming as coordinator run {Run}, at stage {Stage}")]
    private static partial void LogResuming(ILogger logger, string jobId, int run, int stage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: another coordinator took over; this one stops")]
    private static partial void LogSuperseded(ILogger logger, Exception exception, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: {What} is started again after attempt {Attempt} failed")]
    private static partial void LogRetrying(ILogger logger, Exception exception, string jobId, string what, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: it could not be listed in the job registry")]
    private static partial void LogNotListed(ILogger logger, Exception exception, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: the checkpoint of chain {Chain} could not be deleted")]
    private static partial void LogCheckpointNotCleared(ILogger logger, Exception exception, string jobId, string chain);
}
