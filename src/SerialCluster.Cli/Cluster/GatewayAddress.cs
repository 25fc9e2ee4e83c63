using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SerialCluster.Cli.Cluster;

/// <summary>Parses and resolves <c>host:port</c>.</summary>
public static class GatewayAddress
{
    public static IPEndPoint Resolve(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new CliException(ExitCodes.Usage, $"--gateway '{text}' is not HOST:PORT with a port from 1 to 65535; e.g. --gateway 127.0.0.1:30000");
        }

        var host = text[..colon].Trim('[', ']');
        if (IPAddress.TryParse(host, out var address))
        {
            return new IPEndPoint(address, port);
        }

        try
        {
            var resolved = Dns.GetHostAddresses(host);
            var chosen = resolved.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? resolved.FirstOrDefault();
            return chosen is not null
                ? new IPEndPoint(chosen, port)
                : throw new CliException(ExitCodes.GatewayUnreachable, $"cannot reach gateway {text}: the name '{host}' has no address");
        }
        catch (SocketException e)
        {
            throw new CliException(ExitCodes.GatewayUnreachable, $"cannot reach gateway {text}: cannot resolve '{host}' ({e.Message})", e);
        }
    }
}
