using SerialCluster.Abstractions.Jobs;

namespace SerialCluster.Abstractions.Execution;

/// <summary>One chain stage to run inside a serial-chain activation; <see cref="UnitsBefore"/> offsets its progress reports.</summary>
[GenerateSerializer]
[Immutable]
[Alias("SerialCluster.ChainRequest")]
public sealed record ChainRequest(
    [property: Id(0)] string JobId,
    [property: Id(1)] JobSpec Spec,
    [property: Id(2)] int Stage,
    [property: Id(3)] byte[] Input,
    [property: Id(4)] long UnitsBefore);
