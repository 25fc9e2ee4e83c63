using SerialCluster.CostModel.Measured;

namespace SerialCluster.CostModel.History;

/// <summary>
/// What one finished job teaches the cost model: chain and parallel compute normalised to the reference score (side by
/// side in <see cref="Parallel"/>, one after another in <see cref="ParallelAlone"/>), its fixed cost in the mode it ran
/// beside the compute it was measured with (part of it grows with compute, which a line in it tells apart), its stage
/// overhead against waves, the chain-stage call cost, and its measured <see cref="Run"/> beside the raw prediction.
/// </summary>
public sealed record CostSample(
    bool Calibrated,
    StepSample? Chain,
    StepSample? Parallel,
    double? PinnedJobSeconds,
    double? ScatterJobSeconds,
    StageSample? Stages,
    double? ChainCallSeconds,
    StepSample? ParallelAlone = null,
    double PinnedJobCompute = 0,
    double ScatterJobCompute = 0,
    PlanRun? Run = null);
