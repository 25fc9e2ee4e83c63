using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using SerialCluster.Cli.Commands;
using SerialCluster.Grains.Security;
using StackExchange.Redis;

namespace SerialCluster.Cli.Cluster;

/// <summary>A connection to a cluster through its Redis membership (<c>--redis</c>), checked before any client starts.</summary>
internal static class RedisConnect
{
    /// <summary>How often a client re-reads the live gateways from Redis, so it finds replaced silos in seconds.</summary>
    private static readonly TimeSpan GatewayListRefreshPeriod = TimeSpan.FromSeconds(5);

    /// <summary>Through Redis membership: the client reads the cluster's live gateways from Redis and uses any of them.</summary>
    internal static async Task<ClusterConnection> OpenAsync(
        ClusterSettings settings, string redis, TlsMaterial? tls, Action<string> say, CancellationToken cancellationToken)
    {
        ConfigurationOptions redisOptions;
        try
        {
            redisOptions = ConfigurationOptions.Parse(redis);
        }
        catch (ArgumentException e)
        {
            throw new CliException(ExitCodes.Usage, $"--redis '{redis}' is not HOST:PORT (or a Redis configuration string): {e.Message}", e);
        }

        if (redisOptions.EndPoints.Count == 0)
        {
            throw new CliException(ExitCodes.Usage, $"--redis '{redis}' is not HOST:PORT; e.g. --redis 127.0.0.1:6379");
        }

        await ListenerProbe.RedisAsync(redis, redisOptions, cancellationToken);
        var clusterId = settings.EffectiveClusterId;
        await RedisMembership.CheckAsync(redis, redisOptions, clusterId, cancellationToken);
        var description = $"cluster '{clusterId}' via Redis membership at {redis}";
        var hint = new ConnectionHint(settings.ConnectionOptions);
        var client = await ClientHost.StartAsync(
            c =>
            {
                c.UseRedisClustering(o => o.ConfigurationOptions = redisOptions);
                c.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = GatewayListRefreshPeriod);
                c.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = clusterId;
                    o.ServiceId = EmbeddedCluster.ServiceId;
                });
                ClientHost.UseTls(c, tls);
            },
            new ConnectTarget($"cluster '{clusterId}' through Redis at {redis}", clusterId, tls, settings.Verbose, settings.ConnectTimeout)
            {
                Silence = $"no live gateway of cluster '{clusterId}' answered (are its silos running, and is it their cluster id?)",
                Hint = hint,
                Loss = new GatewayLoss(description, canReconnect: true, hint, say),
            },
            cancellationToken);
        return ClusterConnection.Started(client, description);
    }
}
