using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SerialCluster.Abstractions.Execution;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.CostModel.Shapes;
using SerialCluster.Grains.Calibration;
using SerialCluster.Grains.Diagnostics;
using SerialCluster.Grains.Execution;
using SerialCluster.Grains.Hosting;
using SerialCluster.Grains.Placement;
using SerialCluster.Grains.Reliability;
using SerialCluster.Workloads.Execution;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Grains.Chains;

/// <summary>
/// Runs a serial chain (or a whole pinned job) inside this one activation, batch after batch on the thread pool so the
/// silo stays responsive; batch sizes come from the measured step cost. Every K steps the state is checkpointed under
/// the job and stage (not the silo), so a run started elsewhere after this silo is lost resumes there; a run claims the
/// checkpoint first, so a stale run's write is refused. On shutdown the chain checkpoints and stops at the next batch.
/// </summary>
[SiloTargetedPlacement]
public sealed partial class SerialChainGrain(
    PlanCache plans,
    ILocalSiloDetails silo,
    IHostApplicationLifetime lifetime,
    SiloState state,
    SerialClusterOptions options,
    TimeProvider time,
    ILogger<SerialChainGrain> logger)
    : Grain, ISerialChainGrain
{
    /// <summary>How often a running chain or pinned job reports its progress to the job.</summary>
    internal static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// What starting a batch costs when this silo has not measured its local call yet: a thread-pool hop and a
    /// progress check, about a local grain call (~5 µs measured idle), taken 4× for a busy silo.
    /// </summary>
    public static readonly TimeSpan DefaultBatchDispatch = TimeSpan.FromMicroseconds(20);

    private long _stepsDone;
    private string? _runningJob;
    private CancellationTokenSource? _cancel;

    public async Task<ChainOutcome> RunChainAsync(ChainRequest request)
    {
        var plan = plans.Get(request.JobId, request.Spec);
        var unitsPerStep = (double)plan.Stages[request.Stage].WorkUnits / Math.Max(1, plan.StartChain(request.Stage, request.Input).TotalSteps);
        var (chain, run) = await RunCheckpointedAsync(
            request.JobId,
            ChainCheckpointStore.KeyOf(request.JobId, request.Stage.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            () => plan.StartChain(request.Stage, request.Input),
            request.UnitsBefore,
            unitsPerStep,
            request.Spec.Workload,
            request.Stage);
        return new ChainOutcome(
            chain.Output(), run.ComputeSeconds, run.Batches, silo.Name, run.Checkpoints, run.CheckpointSeconds, run.ResumedFrom, run.CheckpointSteps,
            plan.TakeBuildSeconds());
    }

    public async Task<PinnedOutcome> RunPinnedAsync(string jobId, JobSpec spec)
    {
        var plan = plans.Get(jobId, spec);
        using var trace = SerialClusterActivitySource.StartPinned(silo.Name);
        var key = ChainCheckpointStore.KeyOf(jobId, "pinned");
        if (plan.CreateWholeChain() is { } whole)
        {
            // The whole job as one chain: checkpointed like any chain stage.
            var start = Stopwatch.GetTimestamp();
            var unitsPerStep = (double)plan.Work / Math.Max(1, whole.TotalSteps);
            var (chain, run) = await RunCheckpointedAsync(jobId, key, () => plan.CreateWholeChain()!, 0, unitsPerStep, spec.Workload, 0);
            var output = chain.Output();
            var result = plan.FinishWholeChain(output);
            // The chain may have ended early (a converged value iteration): its stage holds the units done, not the cap.
            var stagesRun = plan.WholeChainStages(output);
            var wholeSpec = StageSpec.Chain("whole-chain", plan.UnitsDone(stagesRun).Work);
            return Pinned(result.ToJsonString(), wholeSpec, run, Stopwatch.GetElapsedTime(start).TotalSeconds, stagesRun, plan.TakeBuildSeconds());
        }

        if (plan.Stages is [{ Kind: StageKind.Chain } only])
        {
            // A plan that is one chain (hashchain, timelock): the same, from the stage's own input.
            var start = Stopwatch.GetTimestamp();
            var input = plan.CreateTaskInput(0, 0, []);
            var first = plan.StartChain(0, input);
            var unitsPerStep = (double)only.WorkUnits / Math.Max(1, first.TotalSteps);
            var (chain, run) = await RunCheckpointedAsync(jobId, key, () => plan.StartChain(0, input), 0, unitsPerStep, spec.Workload, 0);
            var result = plan.Finish([chain.Output()]);
            return Pinned(result.ToJsonString(), only, run, Stopwatch.GetElapsedTime(start).TotalSeconds, 1, plan.TakeBuildSeconds());
        }

        return await RunPinnedStagesAsync(jobId, spec.Workload, plan);
    }

    public Task<long> GetStepsDoneAsync() => Task.FromResult(_stepsDone);

    public async Task CancelAsync(string jobId)
    {
        if (_runningJob == jobId && _cancel is { } cancel)
        {
            await cancel.CancelAsync();
        }
    }

    /// <summary>
    /// A pinned plan with wide stages and no single-chain form: run by the local runner, not checkpointed (its tasks are
    /// recomputed on resume).
    /// </summary>
    private async Task<PinnedOutcome> RunPinnedStagesAsync(string jobId, string workload, WorkloadPlan plan)
    {
        using var running = state.ChainRunning();
        using var cancel = Begin(jobId);
        var job = GrainFactory.GetGrain<IJobGrain>(jobId);
        // Its chain stages' steps are counted as they happen, in proportion to the units done, so a long pinned job
        // shows live in chain steps/s.
        var chainSteps = PlanShape.Of(plan).PerStage().Where(st => st.Kind == StageKind.Chain).Sum(st => st.StepsPerTask);
        var stepsPerUnit = plan.Work > 0 ? (double)chainSteps / plan.Work : 0;
        long counted = 0;
        long units = 0;
        var token = cancel.Token;
        var run = Task.Run(() => LocalPlanRunner.Run(
            plan,
            parallelism: 1,
            unitsDone: u => Volatile.Write(ref units, u),
            runner: silo.Name,
            preferWholeChain: true,
            cancellationToken: token));
        try
        {
            while (!run.IsCompleted)
            {
                await Task.WhenAny(run, Task.Delay(ProgressInterval, time));
                _stepsDone = Volatile.Read(ref units);
                counted = CountPinnedSteps(workload, stepsPerUnit, _stepsDone, counted);
                await job.ReportProgressAsync(_stepsDone);
            }

            var result = await run;
            CountPinnedSteps(workload, stepsPerUnit, result.WorkUnits, counted);
            SerialClusterMetrics.PinnedWork(result.Timings.Sum(t => t.Seconds));
            // Only the stages that ran (a plan may stop early): their units, not the cap's.
            var specs = result.RanWholeChain ? [StageSpec.Chain("whole-chain", result.WorkUnits)] : plan.Stages.Take(result.StagesRun).ToList();
            var accumulators = specs.Select((spec, index) => new StageAccumulator(index, spec)).ToArray();
            foreach (var timing in result.Timings)
            {
                accumulators[timing.Stage].Add(timing.Seconds, timing.Runner);
            }

            accumulators[0].Built(plan.TakeBuildSeconds());

            var stages = ProfileBuilder.Compact([.. accumulators.Select((a, index) => a.ToProfile(result.StageWallSeconds[index]))]);
            return new PinnedOutcome(result.Result.ToJsonString(), stages, result.Timings.Count, silo.Name, StagesRun: result.StagesRun);
        }
        finally
        {
            End();
        }
    }

    private PinnedOutcome Pinned(string result, StageSpec spec, CheckpointedRun run, double wallSeconds, int stagesRun, double buildSeconds)
    {
        var accumulator = new StageAccumulator(0, spec);
        accumulator.Add(run.ComputeSeconds, silo.Name);
        accumulator.Built(buildSeconds);
        return new PinnedOutcome(
            result, [accumulator.ToProfile(wallSeconds)], 1, silo.Name, run.Checkpoints, run.CheckpointSeconds, run.ResumedFrom, run.CheckpointSteps,
            run.ComputeSeconds, stagesRun);
    }

    /// <summary>
    /// Claims the chain's checkpoint (resuming from it when there is one), then runs batches to the end, saving the
    /// state every K steps (<see cref="CheckpointedBatchLoop"/>).
    /// </summary>
    private async Task<(IChainRun Chain, CheckpointedRun Run)> RunCheckpointedAsync(
        string jobId, string key, Func<IChainRun> start, long unitsBefore, double unitsPerStep, string workload, int stage)
    {
        using var running = state.ChainRunning();
        using var cancel = Begin(jobId);
        try
        {
            var job = GrainFactory.GetGrain<IJobGrain>(jobId);
            var store = ChainCheckpointStore.Open(ServiceProvider, key);
            var chain = start();
            var saved = await store.ClaimAsync($"{silo.Name}/{Guid.NewGuid():N}", chain.TotalSteps);
            if (saved?.State is { } bytes)
            {
                try
                {
                    chain.Restore(bytes);
                }
                catch (InvalidDataException e)
                {
                    LogCheckpointUnreadable(logger, e, key);
                    chain = start();
                }
            }

            var resumedFrom = chain.StepsDone;
            if (resumedFrom > 0)
            {
                LogResumed(logger, key, resumedFrom, chain.TotalSteps);
            }

            var loop = new CheckpointedBatchLoop(
                chain, store, options.Reliability, BatchTarget(), BatchDispatch(), stage, silo.Name, workload, e => LogCheckpointNotStored(logger, e, key));
            var run = await loop.RunAsync(
                steps => job.ReportProgressAsync(unitsBefore + (long)(steps * unitsPerStep)),
                steps => _stepsDone = steps,
                cancel.Token,
                lifetime.ApplicationStopping);
            return (chain, run);
        }
        catch (ChainSupersededException e)
        {
            LogSuperseded(logger, key, e.Message);
            throw;
        }
        finally
        {
            End();
        }
    }

    /// <summary>Adds the chain steps done since the last count to the chain-steps counter; returns the new total.</summary>
    private static long CountPinnedSteps(string workload, double stepsPerUnit, long unitsDone, long counted)
    {
        var steps = (long)Math.Round(unitsDone * stepsPerUnit);
        if (steps > counted)
        {
            SerialClusterMetrics.PinnedSteps(workload, steps - counted);
        }

        return Math.Max(steps, counted);
    }

    private CancellationTokenSource Begin(string jobId)
    {
        var cancel = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
        _cancel = cancel;
        _runningJob = jobId;
        return cancel;
    }

    private void End()
    {
        _stepsDone = 0;
        _runningJob = null;
        _cancel = null;
    }

    /// <summary>How long a batch should last here (<see cref="ChainBatchSizer.TargetFor"/> this silo's usable cores).</summary>
    private TimeSpan BatchTarget() => ChainBatchSizer.TargetFor(state.Calibration?.UsableCores ?? 1);

    /// <summary>This silo's measured local hop (its round trip to itself, p50), else <see cref="DefaultBatchDispatch"/>.</summary>
    private TimeSpan BatchDispatch()
    {
        var self = silo.SiloAddress.ToString();
        var local = state.Hops
            .FirstOrDefault(h => (h.Peer == silo.Name || h.Peer == self) && h.Samples > 0 && h.P50Microseconds > 0);
        return local is null ? DefaultBatchDispatch : TimeSpan.FromMicroseconds(local.P50Microseconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Chain {Key} resumed from its checkpoint at step {Steps} of {TotalSteps}")]
    private static partial void LogResumed(ILogger logger, string key, long steps, long totalSteps);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chain {Key}: stale write refused: {Reason}")]
    private static partial void LogSuperseded(ILogger logger, string key, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chain {Key}: a checkpoint could not be stored; the chain goes on and tries again later")]
    private static partial void LogCheckpointNotStored(ILogger logger, Exception exception, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chain {Key}: its checkpoint could not be restored; starting from step 0")]
    private static partial void LogCheckpointUnreadable(ILogger logger, Exception exception, string key);
}
