namespace SerialCluster.Abstractions.Ladder;

/// <summary>
/// One rung of the ladder: a SHA-256 chain from <see cref="Seed"/> (32 bytes) whose state crosses
/// <see cref="Boundary"/> every <see cref="StepsPerCrossing"/> steps, crossing at least <see cref="MinCrossings"/>
/// times and then until <see cref="Seconds"/> have passed or <see cref="MaxSteps"/> are done. <see cref="Peer"/> is
/// the silo the state goes to for <see cref="LadderBoundary.OtherSilo"/> (and the own silo for a local grain).
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("SerialCluster.LadderRequest")]
public sealed record LadderRequest(
    [property: Id(0)] LadderBoundary Boundary,
    [property: Id(1)] int StepsPerCrossing,
    [property: Id(2)] byte[] Seed,
    [property: Id(3)] double Seconds,
    [property: Id(4)] int MinCrossings,
    [property: Id(5)] long MaxSteps,
    [property: Id(6)] SiloAddress? Peer);
