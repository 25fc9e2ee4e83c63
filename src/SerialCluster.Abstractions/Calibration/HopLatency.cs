namespace SerialCluster.Abstractions.Calibration;

/// <summary>Recent grain-call round trips from this silo to a peer (the peer may be this silo: the local call cost).</summary>
[GenerateSerializer]
[Immutable]
[Alias("SerialCluster.HopLatency")]
public sealed record HopLatency(
    [property: Id(0)] string Peer,
    [property: Id(1)] double P50Microseconds,
    [property: Id(2)] double P99Microseconds,
    [property: Id(3)] int Samples);
