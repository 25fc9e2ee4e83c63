using System.Text.Json;
using SerialCluster.Cli.Commands;
using StackExchange.Redis;

namespace SerialCluster.Cli.Cluster;

/// <summary>
/// Reads the cluster's membership table in Redis before a client waits for a gateway: a cluster id Redis has never
/// seen, or one with no active silo, is said at once (naming the ids Redis does have), instead of after the connect
/// time-out. Orleans keeps each cluster's table in the hash <c>{serviceId}/members/{clusterId}</c>.
/// </summary>
public static class RedisMembership
{
    /// <summary>Orleans' <c>SiloStatus.Active</c> in a membership entry.</summary>
    private const int Active = 3;

    private const int ProbeMilliseconds = 5000;

    /// <summary>The most cluster ids read from Redis for the message.</summary>
    private const int MaxClusters = 10;

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
            if (silos.Contains(Active))
            {
                return;
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

    /// <summary>The status of every silo entry in the cluster's table (a client's visit leaves a table with only its version).</summary>
    private static async Task<List<int>> SilosAsync(IDatabase database, string clusterId, CancellationToken cancellationToken)
    {
        var statuses = new List<int>();
        foreach (var entry in await database.HashValuesAsync(Key(clusterId)).WaitAsync(cancellationToken))
        {
            try
            {
                using var document = JsonDocument.Parse(entry.ToString());
                if (document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("Status", out var status) && status.TryGetInt32(out var value))
                {
                    statuses.Add(value);
                }
            }
            catch (JsonException)
            {
                // Not a silo entry.
            }
        }

        return statuses;
    }
}
