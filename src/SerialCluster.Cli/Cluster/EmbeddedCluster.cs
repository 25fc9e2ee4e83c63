using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using SerialCluster.Grains.Hosting;

namespace SerialCluster.Cli.Cluster;

/// <summary>
/// A real Orleans cluster of N silos inside this process, on loopback ports chosen free at start, with
/// localhost clustering (the first silo holds membership). Stopped and gone when disposed.
/// </summary>
public sealed class EmbeddedCluster : IAsyncDisposable
{
    public const string ClusterId = "serialcluster-embedded";
    public const string ServiceId = "serialcluster";

    private readonly List<IHost> _silos = [];

    private EmbeddedCluster()
    {
    }

    /// <summary>Gateway ports of the silos, for the client.</summary>
    public IReadOnlyList<int> GatewayPorts { get; private set; } = [];

    /// <summary>Each silo's services, in start order (the bench times grain calls from inside a silo with them).</summary>
    public IReadOnlyList<IServiceProvider> SiloServices => [.. _silos.Select(s => s.Services)];

    public static async Task<EmbeddedCluster> StartAsync(int silos, bool verbose, CancellationToken cancellationToken)
    {
        var cluster = new EmbeddedCluster();
        try
        {
            var ports = FreePorts(2 * silos);
            var primary = new IPEndPoint(IPAddress.Loopback, ports[0]);
            cluster.GatewayPorts = [.. Enumerable.Range(0, silos).Select(i => ports[(2 * i) + 1])];
            for (var i = 0; i < silos; i++)
            {
                var siloPort = ports[2 * i];
                var gatewayPort = ports[(2 * i) + 1];
                var name = $"silo-{i}";
                var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
                builder.Logging.ClearProviders();
                if (verbose)
                {
                    builder.Logging.AddSimpleConsole(o => o.SingleLine = true)
                        .AddFilter(level => level >= LogLevel.Information);
                }

                builder.UseOrleans(silo =>
                {
                    silo.UseLocalhostClustering(siloPort, gatewayPort, primary, ServiceId, ClusterId);
                    silo.Configure<SiloOptions>(o => o.SiloName = name);
                    silo.AddSerialCluster();
                });
                var host = builder.Build();
                cluster._silos.Add(host);
                await host.StartAsync(cancellationToken);
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Stop in reverse, the primary last, so the others leave membership cleanly.
        for (var i = _silos.Count - 1; i >= 0; i--)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _silos[i].StopAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // A silo that does not stop in time is torn down with the process.
            }

            _silos[i].Dispose();
        }

        _silos.Clear();
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}
