using System.Collections;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SerialCluster.Cli.Infrastructure;
using SerialCluster.Cli.Lifetime;
using SerialCluster.Grains.Hosting;
using SerialCluster.Hosting;

namespace SerialCluster.Cli.Cluster;

/// <summary>
/// A real Orleans cluster of N silos inside this process, on loopback ports chosen free at start, with
/// localhost clustering (the first silo holds membership). Each silo is wired by the silo process's own
/// <see cref="SiloHostBuilderExtensions.AddSerialClusterSilo"/> from in-memory configuration, so limits, metrics and
/// tracing behave as in a deployed cluster. Stopped and gone when disposed.
/// </summary>
public sealed class EmbeddedCluster : IAsyncDisposable
{
    public const string ClusterId = "serialcluster-embedded";
    public const string ServiceId = "serialcluster";
    public const string MetricsHost = "127.0.0.1";

    private const string Section = SiloHostOptions.SectionName + ":";

    private readonly List<IHost> _silos = [];

    private EmbeddedCluster()
    {
    }

    /// <summary>The cluster id its silos and clients share.</summary>
    public string Id { get; private init; } = ClusterId;

    /// <summary>Gateway ports of the silos, for the client.</summary>
    public IReadOnlyList<int> GatewayPorts { get; private set; } = [];

    /// <summary>Silo-to-silo ports of the silos, in start order.</summary>
    public IReadOnlyList<int> SiloPorts { get; private set; } = [];

    /// <summary>Each silo's services, in start order (the bench times grain calls from inside a silo with them).</summary>
    public IReadOnlyList<IServiceProvider> SiloServices => [.. _silos.Select(s => s.Services)];

    /// <summary>Where this process's Prometheus metrics are served; null when the cluster was started without a metrics port.</summary>
    public string? MetricsUrl { get; private set; }

    public static Task<EmbeddedCluster> StartAsync(int silos, bool verbose, CancellationToken cancellationToken) =>
        StartAsync(new EmbeddedClusterLayout(silos), verbose, cancellationToken);

    /// <param name="metricsPort">
    /// Serve <c>/metrics</c> on this loopback port from silo 0; null serves none. One endpoint per process: every silo here
    /// writes into the same prometheus-net registry (per-silo families carry a <c>silo</c> label), so a second would
    /// repeat every series.
    /// </param>
    /// <exception cref="CliException">The metrics port could not be opened.</exception>
    public static Task<EmbeddedCluster> StartAsync(int silos, bool verbose, int? metricsPort, CancellationToken cancellationToken) =>
        StartAsync(new EmbeddedClusterLayout(silos) { MetricsPort = metricsPort }, verbose, cancellationToken);

    /// <summary>Starts the silos <paramref name="layout"/> describes, one after another, the membership holder first.</summary>
    /// <exception cref="CliException">The metrics port could not be opened.</exception>
    public static async Task<EmbeddedCluster> StartAsync(EmbeddedClusterLayout layout, bool verbose, CancellationToken cancellationToken)
    {
        var cluster = new EmbeddedCluster { Id = layout.ClusterId };
        try
        {
            var ports = FreePorts(2 * layout.Silos);
            if (layout.GatewayPortBase is { } gatewayPortBase)
            {
                for (var i = 0; i < layout.Silos; i++)
                {
                    ports[(2 * i) + 1] = gatewayPortBase + i;
                }
            }

            cluster.SiloPorts = [.. Enumerable.Range(0, layout.Silos).Select(i => ports[2 * i])];
            cluster.GatewayPorts = [.. Enumerable.Range(0, layout.Silos).Select(i => ports[(2 * i) + 1])];
            for (var i = 0; i < layout.Silos; i++)
            {
                var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
                builder.Configuration.AddInMemoryCollection(Settings(i, ports, layout));
                builder.Logging.ClearProviders();
                if (verbose)
                {
                    builder.Logging.AddVerboseConsole();
                }

                builder.AddSerialClusterSilo();
                builder.Services.AddSingleton<IHostLifetime, CommandLifetime>();
                var host = builder.Build();
                cluster._silos.Add(host);
                await host.StartAsync(cancellationToken);
                StartupTimeline.Mark($"silo-{i} started");
            }

            if (layout.MetricsPort is { } port)
            {
                cluster.MetricsUrl = CheckMetrics(cluster._silos[0], port);
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
            catch (InvalidOperationException)
            {
                // A silo whose start was cancelled (Ctrl+C during start-up) is not running: there is nothing to stop.
            }

            _silos[i].Dispose();
        }

        _silos.Clear();
    }

    /// <summary>
    /// Silo <paramref name="index"/>'s <c>SerialCluster:Silo</c> settings. Only silo 0 gets the process's <c>OTEL_*</c>
    /// variables: a tracer listens to every silo in the process, so one per silo would export each span several times.
    /// </summary>
    private static Dictionary<string, string?> Settings(int index, int[] ports, EmbeddedClusterLayout layout)
    {
        var metricsPort = index == 0 ? layout.MetricsPort : null;
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [Section + nameof(SiloHostOptions.Name)] = $"silo-{index}",
            [Section + nameof(SiloHostOptions.ClusterId)] = layout.ClusterId,
            [Section + nameof(SiloHostOptions.ServiceId)] = ServiceId,
            [Section + nameof(SiloHostOptions.Clustering)] = layout.Redis is null ? SiloHostOptions.LocalhostClustering : SiloHostOptions.RedisClustering,
            [Section + nameof(SiloHostOptions.RedisConnectionString)] = layout.Redis,
            [Section + nameof(SiloHostOptions.SiloPort)] = Text(ports[2 * index]),
            [Section + nameof(SiloHostOptions.GatewayPort)] = Text(ports[(2 * index) + 1]),
            [Section + nameof(SiloHostOptions.PrimarySiloPort)] = Text(ports[0]),
            [Section + nameof(SiloHostOptions.MetricsPort)] = Text(metricsPort ?? 0),
            [Section + nameof(SiloHostOptions.MetricsHost)] = MetricsHost,
            [Section + nameof(SerialClusterOptions.CalibrationCacheDirectory)] = layout.CalibrationCacheDirectory,
        };
        if (index == 0)
        {
            foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
            {
                if (variable.Key is string key && key.StartsWith("OTEL_", StringComparison.Ordinal))
                {
                    settings[key] = variable.Value as string;
                }
            }
        }

        return settings;
    }

    /// <summary>The metrics URL once silo 0 serves it; a port it could not open fails the start, naming the option.</summary>
    private static string CheckMetrics(IHost silo, int port)
    {
        var endpoint = silo.Services.GetServices<IHostedService>().OfType<MetricsEndpoint>().Single();
        return endpoint.IsServing
            ? $"http://{MetricsHost}:{Text(port)}/metrics"
            : throw new CliException(
                ExitCodes.Usage,
                $"--metrics-port {Text(port)}: {MetricsHost}:{Text(port)} could not be opened ({endpoint.Problem}); give a free port");
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

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
