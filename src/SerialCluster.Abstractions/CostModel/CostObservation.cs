namespace SerialCluster.Abstractions.CostModel;

/// <summary>
/// What one finished job measured, for the cost history (<see cref="Grains.IUnitCostGrain"/>). Compute is normalised
/// to the reference single-thread score (seconds × the executing core's score; <see cref="Calibrated"/> false when
/// no score was known and 1 was used); overheads are plain seconds. Zero steps or a null overhead means "not measured
/// by this job".
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("SerialCluster.CostObservation")]
public sealed record CostObservation(
    [property: Id(0)] bool Calibrated,
    [property: Id(1)] double ChainUnits,
    [property: Id(2)] double ChainSteps,
    [property: Id(3)] double ChainSeconds,
    [property: Id(4)] double ParallelUnits,
    [property: Id(5)] double ParallelSteps,
    [property: Id(6)] double ParallelSeconds,
    // The job's fixed cost in the mode it ran, the mean per-stage overhead against the stage's mean waves of tasks,
    // and the mean cost of starting a chain stage.
    [property: Id(7)] double? PinnedJobSeconds,
    [property: Id(8)] double? ScatterJobSeconds,
    [property: Id(9)] double StageWaves,
    [property: Id(10)] double? StageOverheadSeconds,
    [property: Id(11)] double? ChainCallSeconds,
    // Parallel tasks run one at a time in a pinned job (halos included, as in Parallel*).
    [property: Id(12)] double AloneUnits = 0,
    [property: Id(13)] double AloneSteps = 0,
    [property: Id(14)] double AloneSeconds = 0,
    // The compute seconds each fixed cost was measured beside.
    [property: Id(15)] double PinnedJobCompute = 0,
    [property: Id(16)] double ScatterJobCompute = 0,
    [property: Id(17)] double StageMakespanSeconds = 0,
    // The run plan that ran under the job's plan signature, the raw model's prediction for it and the measured wall
    // (a null signature: not kept).
    [property: Id(18)] string? PlanSignature = null,
    [property: Id(19)] string? RunKey = null,
    [property: Id(20)] double PredictedSeconds = 0,
    [property: Id(21)] double MeasuredSeconds = 0,
    // How many chains or tasks the steps were spread over.
    [property: Id(22)] double ChainTasks = 1,
    [property: Id(23)] double ParallelTasks = 1,
    [property: Id(24)] double AloneTasks = 1);
