using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using SerialCluster.Grains.Diagnostics;

namespace SerialCluster.Hosting;

/// <summary>
/// OpenTelemetry tracing for the silo process, on only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set: SerialCluster's
/// spans (<see cref="SerialClusterActivitySource"/>) exported over OTLP, service <c>serialcluster-silo</c> with the silo's
/// name as instance id and attribute, sampled parent-based at <see cref="SiloHostOptions.TraceSampleRatio"/> unless the
/// standard <c>OTEL_TRACES_SAMPLER</c> variables say otherwise. Traces only: metrics have their one exporter already.
/// </summary>
public static class SiloTracing
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string SamplerVariable = "OTEL_TRACES_SAMPLER";
    public const string ServiceNameVariable = "OTEL_SERVICE_NAME";
    public const string DefaultServiceName = "serialcluster-silo";

    /// <summary>Adds the tracer when an OTLP endpoint is configured; returns whether it did.</summary>
    public static bool AddSiloTracing(this IServiceCollection services, IConfiguration configuration, string siloName, double sampleRatio)
    {
        if (string.IsNullOrWhiteSpace(configuration[EndpointVariable]))
        {
            return false;
        }

        var serviceName = configuration[ServiceNameVariable] is { Length: > 0 } name ? name : DefaultServiceName;
        var sdkSampler = !string.IsNullOrWhiteSpace(configuration[SamplerVariable]);
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService(serviceName, serviceInstanceId: siloName)
                .AddAttributes([new(SerialClusterActivitySource.SiloTag, siloName)]))
            .WithTracing(tracing =>
            {
                tracing.AddSource(SerialClusterActivitySource.Name);
                if (!sdkSampler)
                {
                    // The SDK reads OTEL_TRACES_SAMPLER itself; only without it does the setting decide.
                    tracing.SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(sampleRatio)));
                }

                tracing.AddOtlpExporter();
            });
        return true;
    }
}
