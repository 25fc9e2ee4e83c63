namespace SerialCluster.Integration.Tests.Deployment;

/// <summary>
/// Environment keys the compose file may set that our own code does not define: documented settings of the
/// third-party programs that read them. A key outside these lists (a typo) would silently do nothing.
/// </summary>
public static class KnownSettings
{
    /// <summary>
    /// OpenTelemetry's environment variables that the .NET SDK and its OTLP exporter read
    /// (opentelemetry-dotnet: OpenTelemetry.Exporter.OpenTelemetryProtocol and the SDK's resource and batch settings).
    /// </summary>
    public static readonly IReadOnlySet<string> OpenTelemetry = new HashSet<string>(StringComparer.Ordinal)
    {
        "OTEL_SDK_DISABLED",
        "OTEL_SERVICE_NAME",
        "OTEL_RESOURCE_ATTRIBUTES",
        "OTEL_EXPORTER_OTLP_ENDPOINT",
        "OTEL_EXPORTER_OTLP_PROTOCOL",
        "OTEL_EXPORTER_OTLP_HEADERS",
        "OTEL_EXPORTER_OTLP_TIMEOUT",
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
        "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL",
        "OTEL_EXPORTER_OTLP_TRACES_HEADERS",
        "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT",
        "OTEL_TRACES_SAMPLER",
        "OTEL_TRACES_SAMPLER_ARG",
        "OTEL_BSP_SCHEDULE_DELAY",
        "OTEL_BSP_EXPORT_TIMEOUT",
        "OTEL_BSP_MAX_QUEUE_SIZE",
        "OTEL_BSP_MAX_EXPORT_BATCH_SIZE",
    };

    /// <summary>Grafana's GF_&lt;SECTION&gt;_&lt;KEY&gt; overrides of grafana.ini that the compose file uses.</summary>
    public static readonly IReadOnlySet<string> Grafana = new HashSet<string>(StringComparer.Ordinal)
    {
        "GF_SECURITY_ADMIN_PASSWORD",
        "GF_AUTH_ANONYMOUS_ENABLED",
        "GF_AUTH_ANONYMOUS_ORG_ROLE",
        "GF_USERS_ALLOW_SIGN_UP",
        "GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH",
        "GF_ANALYTICS_REPORTING_ENABLED",
        "GF_ANALYTICS_CHECK_FOR_UPDATES",
    };

    /// <summary>Jaeger all-in-one 1.x: the OTLP receiver switch and in-memory span storage.</summary>
    public static readonly IReadOnlySet<string> Jaeger = new HashSet<string>(StringComparer.Ordinal)
    {
        "COLLECTOR_OTLP_ENABLED",
        "SPAN_STORAGE_TYPE",
        "MEMORY_MAX_TRACES",
    };
}
