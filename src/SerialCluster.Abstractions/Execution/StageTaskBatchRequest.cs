using SerialCluster.Abstractions.Jobs;

namespace SerialCluster.Abstractions.Execution;

/// <summary>
/// Consecutive tasks of a parallel stage sent to a worker in one call, to run one after another: tasks
/// <see cref="FirstTask"/> to <see cref="FirstTask"/> + <see cref="Count"/> − 1, each with its input. Batches
/// of one job's stage with the same <see cref="Lane"/> (≥ 0) run one after another on the worker, in arrival order, so
/// the coordinator can queue a lane's next batch while the current one runs; −1: no lane, run at once. With
/// <see cref="PackedInputs"/> (a call to another silo) the inputs travel packed and <see cref="Inputs"/> is empty; the
/// answer then packs its outputs too. With <see cref="PlannedCount"/> &gt; 0 (a stage whose inputs need no previous
/// outputs, such as a job's first stage) no inputs travel at all: the worker makes each task's input from the plan, as the
/// coordinator would have, and packs its answer when <see cref="PackOutputs"/>.
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
