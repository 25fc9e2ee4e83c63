using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;
using SerialCluster.Grains.Diagnostics;
using SerialCluster.Grains.Hosting;

namespace SerialCluster.Grains.Tests.Diagnostics;

/// <summary>
/// Two silos in this process and an OpenTelemetry tracer recording SerialCluster's spans into memory. Calls between
/// the silos go over their real loopback connections, so a span's parent reaches the other silo only through the
/// request context, as between machines. Other tests' spans land here too: tests select theirs by trace id.
/// </summary>
public sealed class TracingFixture() : InProcessClusterFixture(SiloCount)
{
    public const int SiloCount = 2;

    private readonly List<Activity> _exported = [];
    private TracerProvider? _tracer;

    protected override void BeforeDeploy() =>
        _tracer = Sdk.CreateTracerProviderBuilder()
            .AddSource(SerialClusterActivitySource.Name)
            .SetSampler(new AlwaysOnSampler())
            .AddInMemoryExporter(_exported)
            .Build();

    protected override void ConfigureOptions(string siloName, SerialClusterOptions options)
    {
        options.CalibrationEnabled = false;
        options.HopProbeInterval = TimeSpan.Zero;
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

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _tracer?.Dispose();
    }
}
