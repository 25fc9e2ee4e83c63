using SerialCluster.Abstractions.Jobs;

namespace SerialCluster.Abstractions.Execution;

/// <summary>
/// Consecutive tasks of a parallel stage sent to a worker in one call, to run one after another: tasks
/// <see cref="FirstTask"/> to <see cref="FirstTask"/> + <see cref="Inputs"/>.Length − 1, each with its input. Batches
/// of one job's stage with the same <see cref="Lane"/> (≥ 0) run one after another on the worker, in arrival order, so
/// the coordinator can queue a lane's next batch while the current one runs; −1: no lane, run at once. With
/// <see cref="PackedInputs"/> (a call to another silo) the inputs travel packed and <see cref="Inputs"/> is empty; the
/// answer then packs its outputs too.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("SerialCluster.StageTaskBatchRequest")]
public sealed record StageTaskBatchRequest(
    [property: Id(0)] string JobId,
    [property: Id(1)] JobSpec Spec,
    [property: Id(2)] int Stage,
    [property: Id(3)] int FirstTask,
    [property: Id(4)] byte[][] Inputs,
    [property: Id(5)] int Lane = -1,
    [property: Id(6)] PackedBytes? PackedInputs = null)
{
    /// <summary>Tasks in the batch.</summary>
    public int Count => PackedInputs?.Count ?? Inputs.Length;

    /// <summary>The input of the batch's task <paramref name="index"/> (0 is <see cref="FirstTask"/>).</summary>
    public byte[] Input(int index) => PackedInputs is { } packed ? packed[index] : Inputs[index];
}
