using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Orleans.TestingHost;
using SerialCluster.Grains.Diagnostics;
using SerialCluster.Grains.Hosting;

namespace SerialCluster.Grains.Tests.Diagnostics;

/// <summary>
/// Two silos in this process and an OpenTelemetry tracer recording SerialCluster's spans into memory. Calls between
/// the silos go over their real loopback connections, so a span's parent reaches the other silo only through the
/// request context, as between machines. Other tests' spans land here too: tests select theirs by trace id.
/// </summary>
public sealed class TracingFixture : IAsyncLifetime
{
    public const int SiloCount = 2;

    private readonly List<Activity> _exported = [];
    private TracerProvider? _tracer;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        _tracer = Sdk.CreateTracerProviderBuilder()
            .AddSource(SerialClusterActivitySource.Name)
            .SetSampler(new AlwaysOnSampler())
            .AddInMemoryExporter(_exported)
            .Build();
        var builder = new InProcessTestClusterBuilder(SiloCount);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo.AddSerialCluster(o =>
        {
            o.CalibrationEnabled = false;
            o.HopProbeInterval = TimeSpan.Zero;
        }));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>Every finished span of one trace (the simple exporter hands spans over as they end).</summary>
    public IReadOnlyList<Activity> Trace(ActivityTraceId traceId)
    {
        _tracer!.ForceFlush();
        lock (_exported)
        {
            return [.. _exported.Where(a => a.TraceId == traceId)];
        }
    }

    /// <summary>The finished span of the job with this id.</summary>
    public Activity? JobSpan(string jobId)
    {
        _tracer!.ForceFlush();
        lock (_exported)
        {
            return _exported.LastOrDefault(a => a.GetTagItem(SerialClusterActivitySource.JobIdTag) as string == jobId);
        }
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        _tracer?.Dispose();
    }
}
