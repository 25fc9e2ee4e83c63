using Orleans.Concurrency;

namespace SerialCluster.Abstractions.Grains;

/// <summary>
/// A no-op grain on the silo its key names (<c>"{silo}|probe"</c>): silos time calls to it to learn the round
/// trip to each peer and the cost of a local call.
/// </summary>
[Alias("SerialCluster.IProbeGrain")]
public interface IProbeGrain : IGrainWithStringKey
{
    [AlwaysInterleave]
    [Alias("Ping")]
    Task PingAsync();
}
