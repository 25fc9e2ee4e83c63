using System.Net;
using System.Net.Sockets;

namespace SerialCluster.Cli.Local;

/// <summary>The ports a local cluster was told to use, checked free on loopback before any silo starts, so a taken one is named.</summary>
public static class LocalPorts
{
    /// <exception cref="CliException">A port is in use (exit code 13).</exception>
    public static void EnsureGatewaysFree(int gatewayPortBase, int silos)
    {
        for (var i = 0; i < silos; i++)
        {
            var port = gatewayPortBase + i;
            try
            {
                var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                listener.Stop();
            }
            catch (SocketException e)
            {
                throw new CliException(
                    ExitCodes.LocalClusterFailed,
                    $"port {port} (--gateway-port {gatewayPortBase}: silo-{i}'s gateway) is in use on 127.0.0.1 ({e.SocketErrorCode}); "
                        + "give another --gateway-port, or none for free ports",
                    e);
            }
        }
    }
}
