namespace SerialCluster.Abstractions.Ladder;

/// <summary>
/// A rung's outcome: the steps the chain made, how many times its state crossed, the wall seconds of the whole chain
/// (crossings included), its final state, the silo that drove it and what the state crossed to (a silo, or the job
/// storage's kind).
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("SerialCluster.LadderRun")]
public sealed record LadderRun(
    [property: Id(0)] long Steps,
    [property: Id(1)] long Crossings,
    [property: Id(2)] double Seconds,
    [property: Id(3)] byte[] FinalState,
    [property: Id(4)] string Silo,
    [property: Id(5)] string Across);
