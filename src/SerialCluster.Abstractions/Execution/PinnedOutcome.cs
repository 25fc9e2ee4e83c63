using SerialCluster.Abstractions.Jobs;

namespace SerialCluster.Abstractions.Execution;

/// <summary>
/// A whole job run on one silo: its result and per-stage measurements; when it ran as one checkpointed chain, its
/// checkpoints as in <see cref="ChainOutcome"/>. <see cref="StagesRun"/>: the plan's stages the run did (fewer than the
/// plan's when it stopped early; for a whole-job chain, the stages its output stands for); null (an outcome from before
/// plans could stop early) means every stage.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("SerialCluster.PinnedOutcome")]
public sealed record PinnedOutcome(
    [property: Id(0)] string ResultJson,
    [property: Id(1)] List<StageProfile> Stages,
    [property: Id(2)] int Tasks,
    [property: Id(3)] string Silo,
    [property: Id(4)] int Checkpoints = 0,
    [property: Id(5)] double CheckpointSeconds = 0,
    [property: Id(6)] List<long>? ResumedFrom = null,
    [property: Id(7)] long CheckpointSteps = 0,
    [property: Id(8)] double ComputeSeconds = 0,
    [property: Id(9)] int? StagesRun = null);
