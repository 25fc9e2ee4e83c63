using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using SerialCluster.Cli.Infrastructure;
using SerialCluster.Cli.Lifetime;
using SerialCluster.Grains.Security;

namespace SerialCluster.Cli.Cluster;

/// <summary>The Orleans client host behind every <see cref="ClusterConnection"/>: its configuration and its start.</summary>
internal static class ClientHost
{
    /// <summary>A client of cluster <paramref name="clusterId"/> through the gateway <paramref name="useGateway"/> names.</summary>
    internal static void ConfigureGateway(IClientBuilder client, Action<IClientBuilder> useGateway, string clusterId, TlsMaterial? tls)
    {
        useGateway(client);
        client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = clusterId;
            o.ServiceId = EmbeddedCluster.ServiceId;
        });
        UseTls(client, tls);
    }

    internal static void UseTls(IClientBuilder client, TlsMaterial? tls)
    {
        if (tls is not null)
        {
            client.UseSerialClusterTls(tls);
        }
    }

    /// <summary>
    /// Builds and starts an Orleans client host for <paramref name="target"/>; a failure becomes one line (exit 7), or
    /// <see cref="GatewayForwardedException"/> where a silo answered through a port forwarded from another.
    /// </summary>
    internal static async Task<IHost> StartAsync(Action<IClientBuilder> configure, ConnectTarget target, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        if (target.Verbose)
        {
            builder.Logging.AddVerboseConsole();
        }

        var failures = new ConnectionFailures(oneGateway: target.Gateway is not null);
        builder.Logging.AddProvider(failures);
        builder.Services.AddSingleton<IHostLifetime, CommandLifetime>();
        builder.Services.AddSingleton(target.Hint);
        builder.UseOrleansClient(client =>
        {
            // The W3C trace context of a span around a call travels with it (docs/METRICS.md, Traces).
            client.AddActivityPropagation();
            if (target.Loss is { } loss)
            {
                client.AddClusterConnectionStatusObserver(loss);
                client.Services.AddSingleton(loss);
            }

            configure(client);
        });
        var host = builder.Build();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, failures.Refused);
        timeout.CancelAfter(target.Timeout);
        try
        {
            await host.StartAsync(timeout.Token);
            return host;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            host.Dispose();
            if (target.Gateway is not null && failures.RejectingSilo is { } silo)
            {
                throw new GatewayForwardedException(silo, e);
            }

            var reason = await ConnectFailureReason.DescribeAsync(failures, target, e, cancellationToken);
            throw new CliException(ExitCodes.GatewayUnreachable, $"cannot connect to {target.Name}: {reason}", e);
        }
    }
}
