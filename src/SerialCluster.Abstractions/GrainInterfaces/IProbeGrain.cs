using Orleans.Concurrency;

namespace SerialCluster.Abstractions.GrainInterfaces;

/// <summary>
/// A no-op grain on the silo its key names (<c>"{silo}|probe"</c>): silos time calls to it to learn the round
/// trip to each peer and the cost of a local call.
/// </summary>
[Alias("SerialCluster.IProbeGrain")]
public interface IProbeGrain : IGrainWithStringKey
{
    /// <summary>Answers with the silo it runs on, so a caller can tell a probe that is not where its key says.</summary>
    [AlwaysInterleave]
    [Alias("Ping")]
    Task<SiloAddress> PingAsync();
}
