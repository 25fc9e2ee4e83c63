using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SerialCluster.Grains.Hosting;

namespace SerialCluster.Hosting;

/// <summary>
/// One line once the silo has joined (hosted services start in order, after Orleans' own): what an operator,
/// <c>deploy/local-cluster.sh status</c> and the integration tests look for in a silo's log.
/// </summary>
public sealed partial class SiloReadyLog(IOptions<SiloHostOptions> host, SerialClusterOptions cluster, ILogger<SiloReadyLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = host.Value;
        var address = o.UsesRedis ? o.AdvertisedIPAddress : "127.0.0.1";
        LogReady(logger, SiloHostBuilderExtensions.SiloName(o), o.ClusterId, o.Clustering, address, o.SiloPort, o.GatewayPort,
            cluster.Role.ToString().ToLowerInvariant(),
            o.Tls.Enabled ? "mutual TLS" : "plaintext (no TLS)");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Silo {Name} is active in cluster {ClusterId} ({Clustering} membership): silo {Address}:{SiloPort}, "
            + "gateway {Address}:{GatewayPort}, role {Role}, connections {Transport}")]
    private static partial void LogReady(
        ILogger logger, string name, string clusterId, string clustering, string address, int siloPort, int gatewayPort, string role, string transport);
}
