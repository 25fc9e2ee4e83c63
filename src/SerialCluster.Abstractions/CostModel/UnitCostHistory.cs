namespace SerialCluster.Abstractions.CostModel;

/// <summary>
/// What a cost history knows, each part null until measured, and how many jobs fed it. Step costs are lines
/// (seconds per step = PerStep + PerUnit · units per step, at the reference score) for chains, parallel tasks side by
/// side and parallel tasks alone.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("SerialCluster.UnitCostHistory")]
public sealed record UnitCostHistory(
    [property: Id(0)] bool Calibrated,
    [property: Id(1)] double? ChainPerStep,
    [property: Id(2)] double? ChainPerUnit,
    [property: Id(3)] double? ParallelPerStep,
    [property: Id(4)] double? ParallelPerUnit,
    // Each mode's fixed cost per job is a line in the job's compute seconds: PinnedJobSeconds +
    // PinnedJobPerComputeSecond · compute (likewise scatter).
    [property: Id(5)] double? PinnedJobSeconds,
    [property: Id(6)] double? ScatterJobSeconds,
    [property: Id(7)] double? StageBarrierSeconds,
    [property: Id(8)] double? TaskDispatchSeconds,
    [property: Id(9)] double? ChainCallSeconds,
    [property: Id(10)] int Jobs,
    [property: Id(11)] double? AlonePerStep = null,
    [property: Id(12)] double? AlonePerUnit = null,
    // Per-wave dispatch: the fewest waves it was measured at, and the median stage cost at each wave count measured.
    [property: Id(13)] double? MinWaves = null,
    [property: Id(14)] Dictionary<int, double>? StageSecondsByWaves = null,
    [property: Id(15)] double? PinnedJobPerComputeSecond = null,
    [property: Id(16)] double? ScatterJobPerComputeSecond = null,
    // A parallel stage's overhead grows by this per second of its compute (learned from long stages).
    [property: Id(17)] double? StagePerComputeSecond = null,
    // Per plan signature, per run plan, its recent measured runs; the raw model's recent median absolute relative
    // error over ModelErrorSamples runs.
    [property: Id(18)] Dictionary<string, Dictionary<string, MeasuredPlanRuns>>? MeasuredRuns = null,
    [property: Id(19)] double? ModelError = null,
    [property: Id(20)] int ModelErrorSamples = 0,
    // Each line's recent measured points as ratios to it, which the line bends to near the task shapes (for fixed
    // costs: the job sizes) they measured.
    [property: Id(21)] StepCostPoints? ChainPoints = null,
    [property: Id(22)] StepCostPoints? ParallelPoints = null,
    [property: Id(23)] StepCostPoints? AlonePoints = null,
    [property: Id(24)] JobCostSamples? PinnedJobPoints = null,
    [property: Id(25)] JobCostSamples? ScatterJobPoints = null);
