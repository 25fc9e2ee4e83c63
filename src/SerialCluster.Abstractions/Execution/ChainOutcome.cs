namespace SerialCluster.Abstractions.Execution;

/// <summary>
/// A finished chain: its output, compute seconds (sum of batches), batch count, and the silo; and its checkpoints:
/// how many were written, the seconds writing them took, the steps each run of this chain after the first resumed from and
/// the checkpoint interval K in steps it used (0 when it wrote none); and the seconds the silo spent building the job's
/// plan for it (reported once per silo and job; not compute).
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("SerialCluster.ChainOutcome")]
public sealed record ChainOutcome(
    [property: Id(0)] byte[] Output,
    [property: Id(1)] double Seconds,
    [property: Id(2)] long Batches,
    [property: Id(3)] string Silo,
    [property: Id(4)] int Checkpoints = 0,
    [property: Id(5)] double CheckpointSeconds = 0,
    [property: Id(6)] List<long>? ResumedFrom = null,
    [property: Id(7)] long CheckpointSteps = 0,
    [property: Id(8)] double BuildSeconds = 0);
