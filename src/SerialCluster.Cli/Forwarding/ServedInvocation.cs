using SerialCluster.Cli.Cluster;

namespace SerialCluster.Cli.Forwarding;

/// <summary>
/// The command a command server runs for a client, carried by the async flow: its connection is the server's own
/// client of the local cluster (borrowed, not stopped at the command's end) instead of a client started per command.
/// </summary>
public sealed class ServedInvocation(Func<ClusterConnection> borrow)
{
    private static readonly AsyncLocal<ServedInvocation?> Ambient = new();

    /// <summary>The served command this flow runs; null in a command's own process.</summary>
    public static ServedInvocation? Current
    {
        get => Ambient.Value;
        set => Ambient.Value = value;
    }

    /// <summary>The server's connection, for this command (disposing it leaves the server's client running).</summary>
    public ClusterConnection Borrow() => borrow();
}
