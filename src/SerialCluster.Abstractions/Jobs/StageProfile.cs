namespace SerialCluster.Abstractions.Jobs;

/// <summary>What one stage measured: its wall time (barrier to barrier), its tasks' summed and largest times.</summary>
[GenerateSerializer]
[Immutable]
[Alias("SerialCluster.StageProfile")]
public sealed record StageProfile(
    [property: Id(0)] int Index,
    [property: Id(1)] string Name,
    [property: Id(2)] string Kind,
    [property: Id(3)] int Tasks,
    [property: Id(4)] double WallSeconds,
    [property: Id(5)] double WorkSeconds,
    [property: Id(6)] double SpanSeconds,
    [property: Id(7)] long WorkUnits,
    [property: Id(8)] long SpanUnits);
