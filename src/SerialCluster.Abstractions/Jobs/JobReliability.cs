namespace SerialCluster.Abstractions.Jobs;

/// <summary>
/// What surviving failures cost one job: coordinator activations that ran it (1 = never resumed), tasks sent again
/// after their silo was lost or failed, late duplicate results discarded (each task is committed once, by id),
/// tasks committed, chain runs started again, and the chains' checkpoints: written, seconds spent writing them,
/// compute seconds beside them, the steps each resumed run started from, and the largest interval K in steps.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("SerialCluster.JobReliability")]
public sealed record JobReliability(
    [property: Id(0)] string JobId,
    [property: Id(1)] int CoordinatorRuns,
    [property: Id(2)] int TasksRetried,
    [property: Id(3)] int DuplicatesDiscarded,
    [property: Id(4)] long TasksCommitted,
    [property: Id(5)] int ChainRestarts,
    [property: Id(6)] int Checkpoints,
    [property: Id(7)] double CheckpointSeconds,
    [property: Id(8)] double ChainComputeSeconds,
    [property: Id(9)] List<long> ResumedFromSteps,
    [property: Id(10)] long CheckpointSteps);
