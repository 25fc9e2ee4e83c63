using SerialCluster.Abstractions.Jobs;

namespace SerialCluster.Abstractions.Execution;

/// <summary>A whole job run on one silo: its result and per-stage measurements.</summary>
[GenerateSerializer]
[Immutable]
[Alias("SerialCluster.PinnedOutcome")]
public sealed record PinnedOutcome(
    [property: Id(0)] string ResultJson,
    [property: Id(1)] List<StageProfile> Stages,
    [property: Id(2)] int Tasks,
    [property: Id(3)] string Silo);
