using SerialCluster.CostModel.Measured;

namespace SerialCluster.CostModel.History;

/// <summary>
/// What one finished job teaches the cost model: its chain and parallel compute (normalised to the reference
/// single-thread score; <see cref="Calibrated"/> says whether real scores were known), its fixed cost in the mode it
/// ran, its per-stage overhead against waves of tasks, and the cost of starting a chain stage on the serial silo.
/// <see cref="Parallel"/> is tasks as scatter ran them, side by side; <see cref="ParallelAlone"/> tasks run one after
/// another by a pinned job. <see cref="PinnedJobCompute"/> and <see cref="ScatterJobCompute"/> are the compute seconds
/// the job's fixed cost was measured beside (its chain's work, or its stages' makespans): part of what a job shows
/// beyond its modelled compute grows with the compute (tasks that do not pack perfectly, a slower core than assumed),
/// and the history tells the two apart by fitting the fixed cost as a line in them. <see cref="Run"/> is the job's
/// measured wall beside the raw prediction for the run plan that ran, under its plan signature (<see cref="MeasuredRuns"/>).
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
