namespace SerialCluster.Abstractions.CostModel;

/// <summary>
/// What a cost history knows: per-step cost lines (seconds per step = PerStep + PerUnit · units per step, at the
/// reference score) for chains, parallel tasks side by side and parallel tasks alone, the fixed cost per job in each mode, the per-stage barrier, the
/// per-wave dispatch (the fewest waves it was measured at, and the median stage cost at each wave count measured) and
/// the chain-stage call, each null until measured; and how many jobs fed it. Each mode's fixed cost per job is a line in
/// the job's compute seconds: PinnedJobSeconds + PinnedJobPerComputeSecond · compute (likewise scatter); a parallel
/// stage's overhead adds StagePerComputeSecond per second of its compute (learned from long stages). MeasuredRuns: per
/// plan signature, per run plan, its recent measured runs; ModelError: the raw model's recent median absolute relative
/// error over ModelErrorSamples runs. ChainPoints, ParallelPoints, AlonePoints: each line's recent measured points as
/// ratios to it, which the line bends to near the task shapes they measured; PinnedJobPoints, ScatterJobPoints: each
/// mode's recent fixed costs as ratios to its line, which it bends to near the job sizes they measured.
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
    [property: Id(5)] double? PinnedJobSeconds,
    [property: Id(6)] double? ScatterJobSeconds,
    [property: Id(7)] double? StageBarrierSeconds,
    [property: Id(8)] double? TaskDispatchSeconds,
    [property: Id(9)] double? ChainCallSeconds,
    [property: Id(10)] int Jobs,
    [property: Id(11)] double? AlonePerStep = null,
    [property: Id(12)] double? AlonePerUnit = null,
    [property: Id(13)] double? MinWaves = null,
    [property: Id(14)] Dictionary<int, double>? StageSecondsByWaves = null,
    [property: Id(15)] double? PinnedJobPerComputeSecond = null,
    [property: Id(16)] double? ScatterJobPerComputeSecond = null,
    [property: Id(17)] double? StagePerComputeSecond = null,
    [property: Id(18)] Dictionary<string, Dictionary<string, MeasuredPlanRuns>>? MeasuredRuns = null,
    [property: Id(19)] double? ModelError = null,
    [property: Id(20)] int ModelErrorSamples = 0,
    [property: Id(21)] StepCostPoints? ChainPoints = null,
    [property: Id(22)] StepCostPoints? ParallelPoints = null,
    [property: Id(23)] StepCostPoints? AlonePoints = null,
    [property: Id(24)] JobCostSamples? PinnedJobPoints = null,
    [property: Id(25)] JobCostSamples? ScatterJobPoints = null);
