using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace SerialCluster.Cli.Cluster;

/// <summary>Plain TCP connects made before a client starts, so "nothing listens there" is one clear line at once.</summary>
public static class ListenerProbe
{
    /// <summary>A plain TCP connect first: a clear, fast error when nothing listens, instead of Orleans' retries.</summary>
    public static async Task GatewayAsync(string gateway, IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await socket.ConnectAsync(endpoint, timeout.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var reason = e is SocketException s ? s.SocketErrorCode.ToString() : "no answer within 5 s";
            throw new CliException(ExitCodes.GatewayUnreachable, $"cannot reach gateway {gateway} ({endpoint}): {reason}; is a silo running there?", e);
        }
    }

    /// <summary>A plain TCP connect to Redis first: "nothing listens there" as one clear line instead of the client library's advice.</summary>
    public static async Task RedisAsync(string redis, ConfigurationOptions options, CancellationToken cancellationToken)
    {
        var (host, port) = options.EndPoints[0] switch
        {
            IPEndPoint ip => (ip.Address.ToString(), ip.Port),
            DnsEndPoint dns => (dns.Host, dns.Port),
            var other => (other.ToString() ?? string.Empty, 0),
        };
        if (port == 0)
        {
            return;
        }

        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await client.ConnectAsync(host, port, timeout.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var reason = e is SocketException s ? s.SocketErrorCode.ToString() : "no answer within 5 s";
            throw new CliException(ExitCodes.GatewayUnreachable, $"cannot reach Redis at {redis}: {reason}; is redis-server running there?", e);
        }
    }
}
