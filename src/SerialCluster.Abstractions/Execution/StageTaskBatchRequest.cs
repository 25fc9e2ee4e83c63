using SerialCluster.Abstractions.Jobs;

namespace SerialCluster.Abstractions.Execution;

/// <summary>
/// Consecutive tasks <see cref="FirstTask"/> … <see cref="FirstTask"/> + <see cref="Count"/> − 1 of a parallel stage, sent to a worker in one call and
/// run one after another. Batches with the same <see cref="Lane"/> (≥ 0; −1: no lane) run in arrival order, so the coordinator can queue a lane's next
/// batch while one runs. <see cref="PackedInputs"/> (a call to another silo) packs inputs and outputs, leaving <see cref="Inputs"/> empty; with
/// <see cref="PlannedCount"/> &gt; 0 no inputs travel: the worker makes them from the plan and packs its answer when <see cref="PackOutputs"/>.
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
    [property: Id(6)] PackedBytes? PackedInputs = null,
    [property: Id(7)] int PlannedCount = 0,
    [property: Id(8)] bool PackOutputs = false)
{
    /// <summary>Tasks in the batch.</summary>
    public int Count => PlannedCount > 0 ? PlannedCount : PackedInputs?.Count ?? Inputs.Length;

    /// <summary>Whether the worker makes the inputs from the plan (none travel with the request).</summary>
    public bool InputsFromPlan => PlannedCount > 0;

    /// <summary>Whether the answer goes packed (the request came from another silo).</summary>
    public bool PackAnswer => PackOutputs || PackedInputs is not null;

    /// <summary>The input of the batch's task <paramref name="index"/> (0 is <see cref="FirstTask"/>).</summary>
    public byte[] Input(int index) => PackedInputs is { } packed ? packed[index] : Inputs[index];
}
