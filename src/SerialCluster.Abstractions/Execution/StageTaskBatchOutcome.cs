namespace SerialCluster.Abstractions.Execution;

/// <summary>
/// A finished batch: each task's output and kernel time, in task order, and the silo that ran them. The outputs are in
/// <see cref="PackedOutputs"/> instead (and <see cref="Outputs"/> is empty) when the request came packed. BuildSeconds:
/// what the silo spent building the job's plan before these tasks, reported once per silo and job (not in any task's time).
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("SerialCluster.StageTaskBatchOutcome")]
public sealed record StageTaskBatchOutcome(
    [property: Id(0)] byte[][] Outputs,
    [property: Id(1)] double[] Seconds,
    [property: Id(2)] string Silo,
    [property: Id(3)] PackedBytes? PackedOutputs = null,
    [property: Id(4)] double BuildSeconds = 0)
{
    /// <summary>Tasks answered.</summary>
    public int Count => PackedOutputs?.Count ?? Outputs.Length;

    /// <summary>The output of the batch's task <paramref name="index"/>.</summary>
    public byte[] Output(int index) => PackedOutputs is { } packed ? packed[index] : Outputs[index];
}
