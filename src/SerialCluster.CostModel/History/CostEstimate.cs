using SerialCluster.CostModel.Costs;
using SerialCluster.CostModel.Measured;

namespace SerialCluster.CostModel.History;

/// <summary>What a history knows now; null where it has measured nothing. <see cref="Measured"/>: recent runs per plan signature and run plan.</summary>
public sealed record CostEstimate(
    bool Calibrated,
    UnitCostLine? Chain,
    UnitCostLine? Parallel,
    double? PinnedJobSeconds,
    double? ScatterJobSeconds,
    double? StageBarrierSeconds,
    double? TaskDispatchSeconds,
    double? ChainCallSeconds,
    int Jobs,
    UnitCostLine? ParallelAlone = null,
    double? MinWaves = null,
    IReadOnlyDictionary<int, double>? StageSecondsByWaves = null,
    double? PinnedJobPerComputeSecond = null,
    double? ScatterJobPerComputeSecond = null,
    double? StagePerComputeSecond = null,
    Corrections? Measured = null,
    JobCostPoints? PinnedJobPoints = null,
    JobCostPoints? ScatterJobPoints = null)
{
    public static CostEstimate Empty { get; } = new(false, null, null, null, null, null, null, null, 0);

    /// <summary>
    /// Unit costs when any kind is known; a kind never measured borrows another's line (the same kernel runs in every
    /// form for every workload here, so this is the best guess until that form has run once).
    /// </summary>
    public UnitCosts? UnitCosts(UnitCostSource source = UnitCostSource.History) =>
        (Chain ?? Parallel ?? ParallelAlone, Parallel ?? ParallelAlone ?? Chain) switch
        {
            ({ } chain, { } parallel) => new UnitCosts(chain, parallel, source, ParallelAlone),
            _ => null,
        };

    /// <summary>These overheads where measured, <paramref name="fallback"/>'s elsewhere (the stage line and its range together).</summary>
    public DispatchCosts Dispatch(DispatchCosts fallback)
    {
        var stages = StageBarrierSeconds is { } barrier && TaskDispatchSeconds is { } dispatch
            ? (Barrier: barrier, Dispatch: dispatch, MinWaves: MinWaves ?? 0, ByWaves: StageSecondsByWaves)
            : (Barrier: fallback.StageBarrierSeconds, Dispatch: fallback.TaskDispatchSeconds, fallback.MinWaves, ByWaves: fallback.StageSecondsByWaves);
        return new DispatchCosts(
            PinnedJobSeconds ?? fallback.PinnedJobSeconds,
            ScatterJobSeconds ?? fallback.ScatterJobSeconds,
            stages.Barrier,
            stages.Dispatch,
            ChainCallSeconds ?? fallback.ChainCallSeconds,
            fallback.SecondsPerByte,
            stages.MinWaves,
            stages.ByWaves,
            PinnedJobSeconds is null ? fallback.PinnedJobPerComputeSecond : PinnedJobPerComputeSecond ?? 0,
            ScatterJobSeconds is null ? fallback.ScatterJobPerComputeSecond : ScatterJobPerComputeSecond ?? 0,
            StagePerComputeSecond ?? fallback.StagePerComputeSecond,
            PinnedJobSeconds is null ? fallback.PinnedJobPoints : PinnedJobPoints,
            ScatterJobSeconds is null ? fallback.ScatterJobPoints : ScatterJobPoints);
    }
}
