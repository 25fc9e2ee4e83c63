using SerialCluster.Grains.Security;

namespace SerialCluster.Cli.Cluster;

/// <summary>What a client connects to, for its messages: the target in words, the cluster id and TLS it brings, how long it waits.</summary>
public sealed record ConnectTarget(string Name, string ClusterId, TlsMaterial? Tls, bool Verbose, TimeSpan Timeout)
{
    /// <summary>What stayed silent when the wait ran out, in words.</summary>
    public string Silence { get; init; } = "the gateway accepted the connection, but nothing answered";

    /// <summary>The one gateway the client was given; null where it finds them itself (Redis, the embedded cluster).</summary>
    public System.Net.IPEndPoint? Gateway { get; init; }

    /// <summary>How the commands a message suggests reach the same cluster.</summary>
    public ConnectionHint Hint { get; init; } = ConnectionHint.None;

    /// <summary>Watches the connection's gateways once connected; null where nothing follows jobs through it.</summary>
    public GatewayLoss? Loss { get; init; }
}
