using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using SerialCluster.Cli.Commands;
using SerialCluster.Grains.Hosting;
using StackExchange.Redis;

namespace SerialCluster.Cli.Cluster;

/// <summary>
/// Reads the cluster's membership table in Redis before a client waits for a gateway: a cluster id Redis has never
/// seen, one with no active silo, or one whose active rows are all of silos stopped uncleanly (no heartbeat, gateway
/// closed), is said at once (naming the ids Redis does have), instead of after the connect time-out. Orleans keeps each
/// cluster's table in the hash <c>{serviceId}/members/{clusterId}</c>.
/// </summary>
public static class RedisMembership
{
    /// <summary>Orleans' <c>SiloStatus.Active</c> in a membership entry.</summary>
    private const int Active = 3;

    private const int ProbeMilliseconds = 5000;

    /// <summary>The most cluster ids read from Redis for the message.</summary>
    private const int MaxClusters = 10;

    /// <summary>
    /// A heartbeat older than this marks an active row stale: the silos' default staleness window (IAmAliveInterval ×
    /// MissedIAmAliveLimit). A stale row counts as dead only if its gateway accepts no connection either, so a live silo
    /// with other heartbeat settings, or a clock apart from this one, is never taken for dead.
    /// </summary>
    private static readonly TimeSpan StaleAfter = ReliabilityOptions.DefaultIAmAliveInterval * ReliabilityOptions.DefaultMissedIAmAliveLimit;

    private static readonly TimeSpan GatewayConnectTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Throws the one-line error when Redis shows cluster <paramref name="clusterId"/> cannot answer; returns when it may.</summary>
    public static async Task CheckAsync(string redis, ConfigurationOptions options, string clusterId, CancellationToken cancellationToken)
    {
        var probe = options.Clone();
        probe.AbortOnConnectFail = true;
        probe.ConnectTimeout = ProbeMilliseconds;
        probe.SyncTimeout = ProbeMilliseconds;
        probe.AsyncTimeout = ProbeMilliseconds;
        string[] others;
        try
        {
            await using var connection = await ConnectionMultiplexer.ConnectAsync(probe).WaitAsync(cancellationToken);
            var database = connection.GetDatabase();
            var silos = await SilosAsync(database, clusterId, cancellationToken);
            var active = silos.Where(s => s.Status == Active).ToList();
            if (active.Count > 0 && !await AllDeadAsync(active, cancellationToken))
            {
                return;
            }

            if (active.Count > 0)
            {
                var silent = DateTime.UtcNow - active.Max(s => s.IAmAliveTime!.Value);
                throw new CliException(
                    ExitCodes.GatewayUnreachable,
                    $"cluster '{clusterId}' has no live silo in Redis at {redis}: its {active.Count} active row(s) are of silos stopped uncleanly "
                        + $"(no heartbeat for {silent.TotalSeconds:F0} s, gateway closed): start its silos, then retry (joining silos declare those "
                        + "rows dead)");
            }

            if (silos.Count > 0)
            {
                throw new CliException(
                    ExitCodes.GatewayUnreachable,
                    $"cluster '{clusterId}' has no active silo in Redis at {redis} ({silos.Count} stopped or dead): start its silos, then retry");
            }

            var server = connection.GetServer(connection.GetEndPoints()[0]);
            var found = new List<string>();
            foreach (var key in server.Keys(pattern: Key("*")).Take(MaxClusters))
            {
                var other = ((string)key!)[Key(string.Empty).Length..];
                if ((await SilosAsync(database, other, cancellationToken)).Count > 0)
                {
                    found.Add(other);
                }
            }

            others = [.. found.Order(StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is RedisException or TimeoutException or InvalidOperationException)
        {
            // The connect below meets the same problem and says it; this check only makes a clear case faster.
            return;
        }

        var known = others.Length == 0
            ? "it knows no cluster: are the silos using this Redis?"
            : $"it has {string.Join(", ", others.Select(o => $"'{o}'"))}: give --cluster-id {ConnectionArguments.Quote(others[0])} "
                + $"(or set {ClusterSettings.ClusterIdEnvironmentVariable})";
        throw new CliException(ExitCodes.GatewayUnreachable, $"Redis at {redis} has no cluster '{clusterId}'; {known}");
    }

    private static string Key(string clusterId) => $"{EmbeddedCluster.ServiceId}/members/{clusterId}";

    /// <summary>Every silo entry in the cluster's table (a client's visit leaves a table with only its version).</summary>
    private static async Task<List<MembershipRow>> SilosAsync(IDatabase database, string clusterId, CancellationToken cancellationToken)
    {
        var rows = new List<MembershipRow>();
        foreach (var entry in await database.HashValuesAsync(Key(clusterId)).WaitAsync(cancellationToken))
        {
            if (MembershipRow.Parse(entry.ToString()) is { } row)
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    /// <summary>True when every row's heartbeat is stale and its gateway accepts no connection.</summary>
    private static async Task<bool> AllDeadAsync(List<MembershipRow> active, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        if (active.Any(s => s.Gateway is null || s.IAmAliveTime is not { } alive || now - alive <= StaleAfter))
        {
            return false;
        }

        var closed = await Task.WhenAll(active.Select(s => IsClosedAsync(s.Gateway!, cancellationToken)));
        return closed.All(c => c);
    }

    private static async Task<bool> IsClosedAsync(IPEndPoint gateway, CancellationToken cancellationToken)
    {
        using var socket = new Socket(gateway.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(GatewayConnectTimeout);
        try
        {
            await socket.ConnectAsync(gateway, timeout.Token);
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return true;
        }
    }
}
