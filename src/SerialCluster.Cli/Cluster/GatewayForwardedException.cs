namespace SerialCluster.Cli.Cluster;

/// <summary>
/// A silo answered the handshake at the dialled gateway address and then rejected the client's first call: the address
/// is a port forwarded to its gateway from another port. The connection is tried again naming the silo by <see cref="Silo"/>.
/// </summary>
public sealed class GatewayForwardedException(SiloAddress silo, Exception inner)
    : Exception($"silo {silo} answered, but rejected calls addressed to the forwarded gateway address", inner)
{
    /// <summary>The silo's own address, from its handshake.</summary>
    public SiloAddress Silo { get; } = silo;
}
