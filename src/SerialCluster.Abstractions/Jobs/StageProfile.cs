namespace SerialCluster.Abstractions.Jobs;

/// <summary>
/// What one stage measured: wall time (barrier to barrier) and its tasks' summed and largest times; in scatter mode also its start (seconds from the
/// job's start), when each task ran (<see cref="TaskSpan"/>, capped per job), the worker calls that carried its tasks (<see cref="Calls"/>: fewer than
/// tasks when batched, more when resent), and the seconds silos spent building the plan first (<see cref="BuildSeconds"/>: in no task's time).
/// </summary>
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
    [property: Id(8)] long SpanUnits,
    [property: Id(9)] double StartSeconds = 0,
    [property: Id(10)] List<TaskSpan>? TaskSpans = null,
    [property: Id(11)] int Calls = 0,
    [property: Id(12)] double BuildSeconds = 0);
