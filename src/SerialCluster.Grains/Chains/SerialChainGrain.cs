using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using SerialCluster.Abstractions.Execution;
using SerialCluster.Abstractions.Grains;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Grains.Calibration;
using SerialCluster.Grains.Diagnostics;
using SerialCluster.Grains.Execution;
using SerialCluster.Grains.Placement;
using SerialCluster.Kernels.Analysis.CostModel;
using SerialCluster.Kernels.Execution;
using SerialCluster.Kernels.Plans;

namespace SerialCluster.Grains.Chains;

/// <summary>
/// Runs a serial chain inside this one activation, batch after batch, each batch on the thread pool so the
/// silo (and this grain's status query) stays responsive; batch sizes come from the measured step cost.
/// Also runs whole pinned jobs, the same way, on this silo's single core. When the silo shuts down the
/// computation stops at the next batch, so a long chain never holds a graceful shutdown hostage.
/// </summary>
[SiloTargetedPlacement]
public sealed class SerialChainGrain(PlanCache plans, ILocalSiloDetails silo, IHostApplicationLifetime lifetime, SiloState state)
    : Grain, ISerialChainGrain
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// What starting a batch costs when this silo has not measured its local call yet: a thread-pool hop and a
    /// progress check, about a local grain call (~5 µs measured idle), taken 4× for a busy silo.
    /// </summary>
    public static readonly TimeSpan DefaultBatchDispatch = TimeSpan.FromMicroseconds(20);

    private long _stepsDone;

    public async Task<ChainOutcome> RunChainAsync(ChainRequest request)
    {
        var plan = plans.Get(request.JobId, request.Spec);
        using var running = state.ChainRunning();
        var job = GrainFactory.GetGrain<IJobGrain>(request.JobId);
        var chain = plan.StartChain(request.Stage, request.Input);
        var sizer = new ChainBatchSizer(dispatchCost: BatchDispatch());
        var unitsPerStep = (double)plan.Stages[request.Stage].WorkUnits / Math.Max(1, chain.TotalSteps);
        long batch = 0;
        long batches = 0;
        var batchSpans = new ChainBatchSpans();
        long computeTicks = 0;
        var lastReport = Stopwatch.GetTimestamp();
        var stopping = lifetime.ApplicationStopping;
        while (chain.StepsDone < chain.TotalSteps)
        {
            stopping.ThrowIfCancellationRequested();
            batch = sizer.Next(chain.TotalSteps - chain.StepsDone, batch);
            var steps = batch;
            using var trace = batchSpans.Start(request.Stage, steps, silo.Name);
            var ticks = await Task.Run(() =>
            {
                var start = Stopwatch.GetTimestamp();
                chain.Advance(steps);
                return Stopwatch.GetTimestamp() - start;
            });
            sizer.Observe(steps, ticks);
            SerialClusterMetrics.ChainBatch(request.Spec.Workload, steps, (double)ticks / Stopwatch.Frequency);
            computeTicks += ticks;
            batches++;
            _stepsDone = chain.StepsDone;
            if (Stopwatch.GetElapsedTime(lastReport) >= ProgressInterval)
            {
                lastReport = Stopwatch.GetTimestamp();
                await job.ReportProgressAsync(request.UnitsBefore + (long)(chain.StepsDone * unitsPerStep));
            }
        }

        var output = chain.Output();
        _stepsDone = 0;
        return new ChainOutcome(output, (double)computeTicks / Stopwatch.Frequency, batches, silo.Name);
    }

    public async Task<PinnedOutcome> RunPinnedAsync(string jobId, JobSpec spec)
    {
        var plan = plans.Get(jobId, spec);
        using var running = state.ChainRunning();
        using var trace = SerialClusterActivitySource.StartPinned(silo.Name);
        var job = GrainFactory.GetGrain<IJobGrain>(jobId);
        // A pinned job's chain steps are counted as they happen, so a long pinned chain shows live in chain steps/s:
        // the whole-job chain's steps, or else its chain stages' steps, in proportion to the units done.
        var shape = PlanShape.Of(plan);
        var chainSteps = shape.WholeChain is { } whole
            ? whole.Steps
            : shape.PerStage().Where(st => st.Kind == StageKind.Chain).Sum(st => st.StepsPerTask);
        var stepsPerUnit = plan.Work > 0 ? (double)chainSteps / plan.Work : 0;
        long counted = 0;
        long units = 0;
        var run = Task.Run(() => LocalPlanRunner.Run(
            plan,
            parallelism: 1,
            unitsDone: u => Volatile.Write(ref units, u),
            runner: silo.Name,
            preferWholeChain: true,
            cancellationToken: lifetime.ApplicationStopping));
        while (!run.IsCompleted)
        {
            await Task.WhenAny(run, Task.Delay(ProgressInterval));
            _stepsDone = Volatile.Read(ref units);
            counted = CountPinnedSteps(spec.Workload, stepsPerUnit, _stepsDone, counted);
            await job.ReportProgressAsync(_stepsDone);
        }

        var result = await run;
        CountPinnedSteps(spec.Workload, stepsPerUnit, plan.Work, counted);
        _stepsDone = 0;
        SerialClusterMetrics.PinnedWork(result.Timings.Sum(t => t.Seconds));
        var specs = result.RanWholeChain ? [StageSpec.Chain("whole-chain", plan.Work)] : plan.Stages;
        var accumulators = specs.Select((spec, index) => new StageAccumulator(index, spec)).ToArray();
        foreach (var timing in result.Timings)
        {
            accumulators[timing.Stage].Add(timing.Seconds, timing.Runner);
        }

        var stages = ProfileBuilder.Compact([.. accumulators.Select((a, index) => a.ToProfile(result.StageWallSeconds[index]))]);
        return new PinnedOutcome(result.Result.ToJsonString(), stages, result.Timings.Count, silo.Name);
    }

    public Task<long> GetStepsDoneAsync() => Task.FromResult(_stepsDone);

    /// <summary>Adds the whole-job chain's steps done since the last count to the chain-steps counter; returns the new total.</summary>
    private static long CountPinnedSteps(string workload, double stepsPerUnit, long unitsDone, long counted)
    {
        var steps = (long)Math.Round(unitsDone * stepsPerUnit);
        if (steps > counted)
        {
            SerialClusterMetrics.PinnedSteps(workload, steps - counted);
        }

        return Math.Max(steps, counted);
    }

    /// <summary>This silo's measured local hop (its round trip to itself, p50), else <see cref="DefaultBatchDispatch"/>.</summary>
    private TimeSpan BatchDispatch()
    {
        var self = silo.SiloAddress.ToString();
        var local = state.Snapshot(silo.Name, Environment.MachineName, Environment.ProcessorCount).Hops
            .FirstOrDefault(h => (h.Peer == silo.Name || h.Peer == self) && h.Samples > 0 && h.P50Microseconds > 0);
        return local is null ? DefaultBatchDispatch : TimeSpan.FromMicroseconds(local.P50Microseconds);
    }
}
