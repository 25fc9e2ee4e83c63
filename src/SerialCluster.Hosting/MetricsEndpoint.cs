using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prometheus;

namespace SerialCluster.Hosting;

/// <summary>
/// Serves this process's Prometheus metrics at <c>http://{MetricsHost}:{MetricsPort}/metrics</c> through one exporter:
/// SerialCluster's families, Orleans' and the runtime's meters (via <see cref="MeterAdapter"/>) and process metrics. It
/// starts with the host, before Orleans, so nothing measured at start is lost. A port already taken is logged naming
/// the key, and the silo runs on without metrics rather than fail.
/// </summary>
public sealed partial class MetricsEndpoint(IOptions<SiloHostOptions> options, ILogger<MetricsEndpoint> logger) : IHostedService, IDisposable
{
    /// <summary>The meters republished next to SerialCluster's own families.</summary>
    public static readonly IReadOnlySet<string> Meters = new HashSet<string>(StringComparer.Ordinal) { "Microsoft.Orleans", "System.Runtime" };

    private static readonly Lock Gate = new();
    private static IDisposable? _meterAdapter;

    private MetricServer? _server;

    /// <summary>Whether <c>/metrics</c> is being served.</summary>
    public bool IsServing => _server is not null;

    /// <summary>Why the configured port could not be opened; null when it was, or when metrics are off.</summary>
    public string? Problem { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (o.MetricsPort == 0)
        {
            LogDisabled(logger);
            return Task.CompletedTask;
        }

        StartMeterAdapter();
        var server = new MetricServer(o.MetricsHost, o.MetricsPort, "metrics/");
        try
        {
            server.Start();
            _server = server;
            LogServing(logger, o.MetricsHost, o.MetricsPort);
        }
        catch (HttpListenerException e)
        {
            server.Dispose();
            Problem = e.Message;
            LogNotServing(logger, $"{SiloHostOptions.SectionName}:{nameof(SiloHostOptions.MetricsPort)}", o.MetricsPort, o.MetricsHost, e.Message);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { } server)
        {
            await server.StopAsync();
        }
    }

    public void Dispose() => _server?.Dispose();

    /// <summary>
    /// Once per process: no default meter adapter or event counters (they would publish every meter, and the runtime's
    /// figures twice), one adapter for <see cref="Meters"/> started now. Process metrics stay.
    /// </summary>
    private static void StartMeterAdapter()
    {
        lock (Gate)
        {
            if (_meterAdapter is not null)
            {
                return;
            }

            Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions
            {
                SuppressMeters = true,
                SuppressEventCounters = true,
                SuppressDebugMetrics = true,
                SuppressProcessMetrics = false,
            });
            _meterAdapter = MeterAdapter.StartListening(new MeterAdapterOptions
            {
                InstrumentFilterPredicate = instrument => Meters.Contains(instrument.Meter.Name),
            });
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving Prometheus metrics at http://{Host}:{Port}/metrics")]
    private static partial void LogServing(ILogger logger, string host, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "Prometheus metrics are off (MetricsPort 0)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Prometheus metrics NOT served: {Key} {Port} on host '{Host}' could not be opened ({Reason}); "
        + "give each silo on a machine its own port, or 0 for none")]
    private static partial void LogNotServing(ILogger logger, string key, int port, string host, string reason);
}
