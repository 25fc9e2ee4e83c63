using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SerialCluster.Abstractions.Calibration;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.CostModel.Costs;
using SerialCluster.CostModel.History;
using SerialCluster.CostModel.Measured;
using SerialCluster.CostModel.Prediction;
using SerialCluster.CostModel.Probing;
using SerialCluster.CostModel.Shapes;
using SerialCluster.Grains.Calibration;
using SerialCluster.Grains.Execution;
using SerialCluster.Grains.Placement;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Grains.CostModel;

/// <summary>
/// The coordinator's side of the cost model. Before a job: read the cluster's figures and the workload's history
/// (kept by this silo for a moment: <see cref="CostHistoryCache"/>), probe the job itself when the workload has no
/// history yet, predict every mode and pick what runs. After it:
/// turn the measured profile into an observation and feed it to the workload's history and the cluster's.
/// </summary>
public sealed partial class CostAdvisor(
    IGrainFactory grains, CostHistoryCache histories, PlanShapes shapes, ILocalSiloDetails localSilo, ILogger<CostAdvisor> logger)
{
    /// <summary>Added to a measured hop round trip for the coordinator's own work per task, when only hops are known.</summary>
    public const double CoordinatorSecondsPerTask = 0.0001;

    public async Task<CostAdvice> AdviseAsync(JobSpec spec, WorkloadPlan plan, ClusterView cluster, int parallelism, bool serialSilosTakeOverflow)
    {
        var start = Stopwatch.GetTimestamp();
        var (silos, calibrated) = Figures(cluster, parallelism, serialSilosTakeOverflow);
        var workload = plan.Parameters.Workload;
        var cache = histories;
        CostEstimate own, shared;
        if (cache.Get(workload) is { } keptOwn && cache.Get(IUnitCostGrain.ClusterKey) is { } keptShared)
        {
            (own, shared) = (keptOwn, keptShared);
            if (cache.IsStale(workload) || cache.IsStale(IUnitCostGrain.ClusterKey))
            {
                // Read again for the next job, without making this one wait.
                _ = RefreshAsync(cache, workload);
            }
        }
        else
        {
            (own, shared) = await ReadBothAsync(cache, workload);
        }
        var dispatch = own.Dispatch(shared.Dispatch(HopDefaults(cluster)));

        var costs = own.Calibrated == calibrated ? own.UnitCosts() : null;
        if (costs is null)
        {
            costs = await ProbeAsync(plan, silos, calibrated);
            LogProbed(logger, workload, costs.Source, costs.Chain.PerUnit, costs.Parallel.PerUnit);
        }

        // Measured beats modelled: this signature's run plans that ran correct their own predictions (ModeChooser).
        var signature = PlanRuns.Signature(workload, plan.Parameters.Canonical, Math.Max(1, parallelism));
        var measured = own.Measured ?? Corrections.None;
        var decision = ModeChooser.Decide(plan, silos, Math.Max(1, parallelism), costs, dispatch, measured.For(signature), measured.Margin, shapes);
        var run = spec.Mode switch
        {
            JobMode.Auto => decision.Choice,
            JobMode.Pinned => decision.For(ModePrediction.Pinned),
            _ => decision.For(ModePrediction.Scatter),
        };
        var runPlan = plan;
        var runSpec = spec;
        // What actually runs: a variant that does not compile runs as plain scatter.
        var runKey = run.Changes.Count > 0 ? ModePrediction.Scatter : PlanRuns.Key(run);
        if (run.Changes.Count > 0 && PlanVariants.TryCompile(plan, run.Changes) is { } variant)
        {
            runPlan = variant;
            runSpec = spec with { Parameters = PlanVariants.Apply(plan.Parameters.Canonical, run.Changes) };
            runKey = PlanRuns.Key(run);
        }

        if (logger.IsEnabled(LogLevel.Debug))
        {
            LogDecision(
                logger, workload, spec.Mode, run.Mode, costs.Source, costs.Chain.ToString(), costs.Parallel.ToString(), dispatch.ToString(),
                string.Join("; ", decision.Predictions.Select(p =>
                    $"{PlanRuns.Key(p)} {p.Seconds:F4} = {p.ComputeSeconds:F4} + {p.OverheadSeconds:F4}"
                    + (p.CorrectedSeconds is { } c ? $", corrected {c:F4} from {p.MeasuredRuns} run(s)" : ""))),
                decision.Reason);
        }

        return new CostAdvice(
            decision, run, runSpec, runPlan, shapes.Of(runPlan), silos, calibrated, dispatch, Stopwatch.GetElapsedTime(start).TotalSeconds,
            signature, runKey);
    }

    /// <summary>Feeds a finished job's measurements to its workload's history and (overheads only) to the cluster's.</summary>
    public async Task RecordAsync(CostAdvice advice, IReadOnlyList<StageProfile> stages, double wallSeconds, string? serialSilo, int parallelism)
    {
        var measured = stages.Select(s => new StageMeasurement(
            s.Kind == "chain" ? StageKind.Chain : StageKind.Parallel, s.Tasks, s.WallSeconds, s.WorkSeconds, s.SpanSeconds,
            s.StartSeconds > 0 ? s.StartSeconds : null)).ToList();
        var wall = Math.Max(0, wallSeconds - advice.DecisionSeconds);
        CostSample sample;
        if (advice.Pinned)
        {
            var score = advice.Silos.FirstOrDefault(s => s.Name == serialSilo) is { } ran
                ? CostPredictor.ChainSpeed(ran, advice.Silos)
                : CostPredictor.ChainSpeed(advice.Silos);
            // The stages' units are the units done: fewer than the plan's when it stopped early (the pinned whole chain
            // of a converged value iteration), so the unit costs learn from what was computed.
            sample = CostSampler.Pinned(advice.Shape, measured, wall, score, advice.Calibrated, stages.Sum(s => s.WorkUnits));
        }
        else
        {
            sample = CostSampler.Scatter(advice.Shape, measured, wall, advice.Silos, Math.Max(1, parallelism), advice.Dispatch, advice.Calibrated);
        }

        var observation = UnitCostGrain.ToObservation(sample with
        {
            Run = advice.Signature.Length > 0 ? new PlanRun(advice.Signature, advice.RunKey, advice.Run.Seconds, wall) : null,
        });
        // The cluster's history takes the overheads only, and a stage overhead only where it stands out of the stages'
        // compute: other workloads borrow that line.
        var overheadsOnly = observation with
        {
            ChainSteps = 0,
            ParallelSteps = 0,
            AloneSteps = 0,
            StageOverheadSeconds = sample.Stages is { TellsOverhead: true } ? observation.StageOverheadSeconds : null,
            PlanSignature = null,
            RunKey = null,
        };
        var workload = advice.Plan.Parameters.Workload;
        var recorded = await Task.WhenAll(
            grains.GetGrain<IUnitCostGrain>(workload).RecordAsync(observation),
            grains.GetGrain<IUnitCostGrain>(IUnitCostGrain.ClusterKey).RecordAsync(overheadsOnly));
        // The histories as they are now: this silo's next decision needs no call to read them.
        var cache = histories;
        cache.Put(workload, recorded[0]);
        cache.Put(IUnitCostGrain.ClusterKey, recorded[1]);
    }

    /// <summary>
    /// Each silo as the model sees it. Scores are the calibrated single-thread scores when every silo has one
    /// (<c>calibrated</c>); otherwise the known ones' mean stands in for the unknown, and with none known every
    /// silo counts as 1 — equal speeds, which is what placement assumes too before calibration.
    /// </summary>
    public static (IReadOnlyList<SiloFigures> Silos, bool Calibrated) Figures(ClusterView cluster, int parallelism, bool serialSilosTakeOverflow)
    {
        var takers = TaskPlacement.ParallelSilos(cluster.Silos, Math.Max(1, parallelism), serialSilosTakeOverflow)
            .Select(s => s.Name)
            .ToHashSet(StringComparer.Ordinal);
        var known = cluster.Silos.Select(s => s.Capacity.Calibration).OfType<SiloCalibration>().Where(c => c.SingleThreadScore > 0).ToList();
        var fallback = known.Count > 0 ? known.Average(c => c.SingleThreadScore) : 1.0;
        var foreign = cluster.Silos.Select(s => s.Host).Distinct(StringComparer.Ordinal)
            .ToDictionary(m => m, cluster.ForeignBusyCores, StringComparer.Ordinal);
        var figures = cluster.Silos.Select(s =>
        {
            var calibration = s.Capacity.Calibration;
            // A silo under a quota below one core runs a thread, and each task, at most at its all-core rate.
            var single = calibration is { SingleThreadScore: > 0 } ? QuotaSpeed.SingleThread(calibration) : fallback;
            var concurrent = calibration is { AllCoreScore: > 0, UsableCores: > 0 }
                ? Math.Min(single, calibration.AllCoreScore / Math.Max(1, calibration.UsableCores))
                : single;
            return new SiloFigures(
                s.Name, s.Host, single, concurrent, s.Cores, s.Capacity.RunningTasks, s.Capacity.RunningChains,
                TakesChains: s.Role != SiloRole.Parallel, TakesTasks: takers.Contains(s.Name),
                ForeignBusyCores: foreign.GetValueOrDefault(s.Host), CpuSet: s.Capacity.CpuSet, Process: CoreClaims.ProcessOf(s.Capacity),
                UsableCores: calibration is { UsableCores: > 0 } ? calibration.UsableCores : null);
        }).ToList();
        return (figures, known.Count == cluster.Silos.Count);
    }

    /// <summary>The defaults, with the per-task dispatch taken from this silo's measured hops to its peers when it has any.</summary>
    private DispatchCosts HopDefaults(ClusterView cluster)
    {
        var hops = cluster.Silos.FirstOrDefault(s => s.Name == localSilo.Name)?.Capacity.Hops
            .Where(h => h.Peer != localSilo.Name && h.Samples > 0 && h.P50Microseconds > 0)
            .ToList();
        return hops is { Count: > 0 }
            ? DispatchCosts.Default with { TaskDispatchSeconds = (hops.Average(h => h.P50Microseconds) * 1e-6) + CoordinatorSecondsPerTask }
            : DispatchCosts.Default;
    }

    /// <summary>Costs that say nothing: the plan's own bound decides (<see cref="UnitCostSource.LowerBound"/>).</summary>
    private static readonly UnitCosts Nominal = new(new UnitCostLine(0, 1e-9), new UnitCostLine(0, 1e-9), UnitCostSource.LowerBound);

    private async Task<UnitCosts> ProbeAsync(WorkloadPlan plan, IReadOnlyList<SiloFigures> silos, bool calibrated)
    {
        ProbeResult probe;
        try
        {
            probe = await Task.Run(() => CostProbe.Run(plan, CostProbe.DefaultBudget));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A probe is a guess made early; it must never cost the job. The plan's bound decides instead.
            LogProbeFailed(logger, e, plan.Parameters.Workload);
            return Nominal;
        }

        var score = silos.FirstOrDefault(s => s.Name == localSilo.Name) is { } here
            ? CostPredictor.ChainSpeed(here, silos)
            : CostPredictor.ChainSpeed(silos);
        var useParallel = probe.Parallel is not null && (!probe.LowerBound || probe.Chain is null);
        var history = new CostHistory();
        history.Observe(new CostSample(
            calibrated,
            probe.Chain is { } c ? c with { Seconds = c.Seconds * score } : null,
            useParallel && probe.Parallel is { } p ? p with { Seconds = p.Seconds * score } : null,
            null, null, null, null));
        var source = probe.LowerBound && probe.Chain is null ? UnitCostSource.LowerBound : UnitCostSource.Probe;
        // Nothing to time at all (an empty first stage): a nominal cost, and the plan's bound decides.
        return history.Estimate().UnitCosts(source) ?? Nominal;
    }

    private async Task RefreshAsync(CostHistoryCache cache, string workload)
    {
        try
        {
            await ReadBothAsync(cache, workload);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogHistoryUnavailable(logger, e, workload);
        }
    }

    private async Task<(CostEstimate Own, CostEstimate Shared)> ReadBothAsync(CostHistoryCache cache, string workload)
    {
        var reads = await Task.WhenAll(Read(cache, workload), Read(cache, IUnitCostGrain.ClusterKey));
        return (reads[0], reads[1]);
    }

    private async Task<CostEstimate> Read(CostHistoryCache cache, string key)
    {
        try
        {
            return cache.Put(key, await grains.GetGrain<IUnitCostGrain>(key).GetAsync());
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            LogHistoryUnavailable(logger, e, key);
            return CostEstimate.Empty;
        }
    }

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "No cost history for {Workload} yet: probed it ({Source}): chain {ChainPerUnit:E3} s/unit, "
            + "parallel {ParallelPerUnit:E3} s/unit at the reference score")]
    private static partial void LogProbed(ILogger logger, string workload, UnitCostSource source, double chainPerUnit, double parallelPerUnit);

    [LoggerMessage(
        Level = LogLevel.Debug,
        Message = "Cost model for {Workload} ({Mode}) runs {Chosen} from {Source} costs: chain {Chain}, parallel {Parallel}, {Dispatch}; "
            + "predictions (compute + overhead): {Predictions}; {Reason}")]
    private static partial void LogDecision(
        ILogger logger, string workload, JobMode mode, string chosen, UnitCostSource source, string chain, string parallel, string dispatch,
        string predictions, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cost probe of {Workload} failed; the plan's bound decides")]
    private static partial void LogProbeFailed(ILogger logger, Exception exception, string workload);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cost history {Key} could not be read; predicting from defaults")]
    private static partial void LogHistoryUnavailable(ILogger logger, Exception exception, string key);
}
