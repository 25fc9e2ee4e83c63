using SerialCluster.Abstractions.Jobs;

namespace SerialCluster.Abstractions.Execution;

/// <summary>One task of a parallel stage, sent to a worker: the job (to compile or find its plan) and the task's input.</summary>
[GenerateSerializer]
[Immutable]
[Alias("SerialCluster.StageTaskRequest")]
public sealed record StageTaskRequest(
    [property: Id(0)] string JobId,
    [property: Id(1)] JobSpec Spec,
    [property: Id(2)] int Stage,
    [property: Id(3)] int Task,
    [property: Id(4)] byte[] Input);
