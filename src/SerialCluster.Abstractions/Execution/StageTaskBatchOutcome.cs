namespace SerialCluster.Abstractions.Execution;

/// <summary>A finished batch: each task's output and kernel time, in task order, and the silo that ran them.</summary>
[GenerateSerializer]
[Immutable]
[Alias("SerialCluster.StageTaskBatchOutcome")]
public sealed record StageTaskBatchOutcome(
    [property: Id(0)] byte[][] Outputs,
    [property: Id(1)] double[] Seconds,
    [property: Id(2)] string Silo);
