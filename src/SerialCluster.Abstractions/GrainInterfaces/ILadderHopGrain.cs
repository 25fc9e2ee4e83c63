namespace SerialCluster.Abstractions.GrainInterfaces;

/// <summary>The far side of a ladder rung's grain boundary, on the silo its key names (<c>"{silo}|ladder-hop"</c>).</summary>
[Alias("SerialCluster.ILadderHopGrain")]
public interface ILadderHopGrain : IGrainWithStringKey
{
    /// <summary>The 32-byte chain state advanced <paramref name="steps"/> SHA-256 steps here.</summary>
    [Alias("Advance")]
    Task<byte[]> AdvanceAsync(byte[] state, int steps);

    /// <summary>The silo this activation runs on, so a rung can tell a far side that did not land where its key says.</summary>
    [Alias("Where")]
    Task<SiloAddress> WhereAsync();
}
