using SerialCluster.Abstractions.CostModel;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.CostModel.Costs;
using SerialCluster.CostModel.History;
using SerialCluster.CostModel.Measured;

namespace SerialCluster.Grains.CostModel;

/// <summary>
/// One workload's cost history (or, under <see cref="IUnitCostGrain.ClusterKey"/>, the overheads every job shows),
/// held in memory by a <see cref="CostHistory"/>. It outlives idle collection for a day, so a cluster in use keeps
/// learning; a restarted cluster starts again from the cost model's probe and defaults.
/// </summary>
public sealed class UnitCostGrain : Grain, IUnitCostGrain
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromDays(1);

    private CostHistory? _history;

    // A workload's own overheads count once a few jobs agree; the cluster's from the first job (the defaults are only guesses).
    private CostHistory History => _history ??= new CostHistory(
        this.GetPrimaryKeyString() == IUnitCostGrain.ClusterKey ? 1 : CostHistory.WorkloadOverheadSamples);

    public Task<UnitCostHistory> GetAsync() => Task.FromResult(Snapshot());

    public Task<UnitCostHistory> RecordAsync(CostObservation observation)
    {
        History.Observe(ToSample(observation));
        DelayDeactivation(KeepAlive);
        return Task.FromResult(Snapshot());
    }

    /// <summary>The wire form of an observation as the pure history takes it.</summary>
    public static CostSample ToSample(CostObservation o) => new(
        o.Calibrated,
        o.ChainSteps > 0 ? new StepSample(o.ChainUnits, o.ChainSteps, o.ChainSeconds, o.ChainTasks) : null,
        o.ParallelSteps > 0 ? new StepSample(o.ParallelUnits, o.ParallelSteps, o.ParallelSeconds, o.ParallelTasks) : null,
        o.PinnedJobSeconds,
        o.ScatterJobSeconds,
        o.StageOverheadSeconds is { } overhead ? new StageSample(o.StageWaves, overhead, o.StageMakespanSeconds) : null,
        o.ChainCallSeconds,
        o.AloneSteps > 0 ? new StepSample(o.AloneUnits, o.AloneSteps, o.AloneSeconds, o.AloneTasks) : null,
        o.PinnedJobCompute,
        o.ScatterJobCompute,
        o.PlanSignature is { } signature && o.RunKey is { } key ? new PlanRun(signature, key, o.PredictedSeconds, o.MeasuredSeconds) : null);

    /// <summary>The wire form of a sample.</summary>
    public static CostObservation ToObservation(CostSample s) => new(
        s.Calibrated,
        s.Chain?.Units ?? 0,
        s.Chain?.Steps ?? 0,
        s.Chain?.Seconds ?? 0,
        s.Parallel?.Units ?? 0,
        s.Parallel?.Steps ?? 0,
        s.Parallel?.Seconds ?? 0,
        s.PinnedJobSeconds,
        s.ScatterJobSeconds,
        s.Stages?.Waves ?? 0,
        s.Stages?.Seconds,
        s.ChainCallSeconds,
        s.ParallelAlone?.Units ?? 0,
        s.ParallelAlone?.Steps ?? 0,
        s.ParallelAlone?.Seconds ?? 0,
        s.PinnedJobCompute,
        s.ScatterJobCompute,
        s.Stages?.MakespanSeconds ?? 0,
        s.Run?.Signature,
        s.Run?.RunKey,
        s.Run?.PredictedSeconds ?? 0,
        s.Run?.MeasuredSeconds ?? 0,
        s.Chain?.Tasks ?? 1,
        s.Parallel?.Tasks ?? 1,
        s.ParallelAlone?.Tasks ?? 1);

    /// <summary>The history's wire snapshot as the pure model reads it.</summary>
    public static CostEstimate ToEstimate(UnitCostHistory h) => new(
        h.Calibrated,
        h.ChainPerStep is { } cs && h.ChainPerUnit is { } cu ? new UnitCostLine(cs, cu) { Local = ToPoints(h.ChainPoints) } : null,
        h.ParallelPerStep is { } ps && h.ParallelPerUnit is { } pu ? new UnitCostLine(ps, pu) { Local = ToPoints(h.ParallelPoints) } : null,
        h.PinnedJobSeconds,
        h.ScatterJobSeconds,
        h.StageBarrierSeconds,
        h.TaskDispatchSeconds,
        h.ChainCallSeconds,
        h.Jobs,
        h.AlonePerStep is { } ls && h.AlonePerUnit is { } lu ? new UnitCostLine(ls, lu) { Local = ToPoints(h.AlonePoints) } : null,
        h.MinWaves,
        h.StageSecondsByWaves,
        h.PinnedJobPerComputeSecond,
        h.ScatterJobPerComputeSecond,
        h.StagePerComputeSecond,
        h.MeasuredRuns is null
            ? null
            : new Corrections(
                h.MeasuredRuns.ToDictionary(
                    s => s.Key,
                    s => (IReadOnlyDictionary<string, MeasuredPlan>)s.Value.ToDictionary(
                        p => p.Key, p => new MeasuredPlan(p.Value.Runs, p.Value.Ratio, p.Value.MeasuredSeconds, p.Value.Spread), StringComparer.Ordinal),
                    StringComparer.Ordinal),
                h.ModelError,
                h.ModelErrorSamples),
        ToPoints(h.PinnedJobPoints),
        ToPoints(h.ScatterJobPoints));

    private UnitCostHistory Snapshot()
    {
        var e = History.Estimate();
        return new UnitCostHistory(
            e.Calibrated,
            e.Chain?.PerStep,
            e.Chain?.PerUnit,
            e.Parallel?.PerStep,
            e.Parallel?.PerUnit,
            e.PinnedJobSeconds,
            e.ScatterJobSeconds,
            e.StageBarrierSeconds,
            e.TaskDispatchSeconds,
            e.ChainCallSeconds,
            e.Jobs,
            e.ParallelAlone?.PerStep,
            e.ParallelAlone?.PerUnit,
            e.MinWaves,
            e.StageSecondsByWaves is null ? null : new Dictionary<int, double>(e.StageSecondsByWaves),
            e.PinnedJobPerComputeSecond,
            e.ScatterJobPerComputeSecond,
            e.StagePerComputeSecond,
            e.Measured is { BySignature.Count: > 0 } measured
                ? measured.BySignature.ToDictionary(
                    s => s.Key,
                    s => s.Value.ToDictionary(
                        p => p.Key,
                        p => new MeasuredPlanRuns(p.Value.Runs, p.Value.Ratio, p.Value.MeasuredSeconds, p.Value.Spread),
                        StringComparer.Ordinal),
                    StringComparer.Ordinal)
                : null,
            e.Measured?.ModelError,
            e.Measured?.ErrorSamples ?? 0,
            ToWire(e.Chain?.Local),
            ToWire(e.Parallel?.Local),
            ToWire(e.ParallelAlone?.Local),
            ToWire(e.PinnedJobPoints),
            ToWire(e.ScatterJobPoints));
    }

    private static JobCostPoints? ToPoints(JobCostSamples? p) =>
        p is null || p.ComputeSeconds.Length != p.LogRatios.Length ? null : new JobCostPoints(p.ComputeSeconds, p.LogRatios);

    private static JobCostSamples? ToWire(JobCostPoints? p) =>
        p is null ? null : new JobCostSamples([.. p.ComputeSeconds], [.. p.LogRatios]);

    private static UnitCostPoints? ToPoints(StepCostPoints? p) =>
        p is null || p.UnitsPerStep.Length != p.LogRatios.Length || p.StepsPerTask.Length != p.LogRatios.Length
            ? null
            : new UnitCostPoints(p.UnitsPerStep, p.StepsPerTask, p.LogRatios);

    private static StepCostPoints? ToWire(UnitCostPoints? p) =>
        p is null ? null : new StepCostPoints([.. p.UnitsPerStep], [.. p.LogRatios], [.. p.StepsPerTask]);
}
