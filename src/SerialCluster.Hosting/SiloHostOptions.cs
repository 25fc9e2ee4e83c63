using System.ComponentModel.DataAnnotations;
using System.Net;

namespace SerialCluster.Hosting;

/// <summary>
/// How this silo joins a cluster, from configuration section <c>SerialCluster:Silo</c> (appsettings.json,
/// environment variables <c>SerialCluster__Silo__SiloPort=…</c>, or <c>--SerialCluster:Silo:SiloPort=…</c>).
/// The same section also carries the silo's <c>SerialClusterOptions</c> (role, calibration, …).
/// </summary>
public sealed class SiloHostOptions : IValidatableObject
{
    public const string SectionName = "SerialCluster:Silo";
    public const string LocalhostClustering = "localhost";
    public const string RedisClustering = "redis";
    public const int DefaultSiloPort = 11111;
    public const int DefaultGatewayPort = 30000;
    public const string DefaultAdvertisedIPAddress = "127.0.0.1";
    public const int DefaultMetricsPort = 9400;
    public const string DefaultMetricsHost = "+";

    /// <summary>Silos sharing a ClusterId form one cluster; clients must use the same id.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9._-]{1,64}$")]
    public string ClusterId { get; set; } = "serialcluster";

    [Required]
    [RegularExpression("^[A-Za-z0-9._-]{1,64}$")]
    public string ServiceId { get; set; } = "serialcluster";

    /// <summary>A name for this silo in profiles and logs; the machine name and port when empty.</summary>
    public string? Name { get; set; }

    /// <summary>
    /// Membership provider: <c>localhost</c> (the primary silo holds membership; one machine) or <c>redis</c>
    /// (membership and job storage in Redis at <see cref="RedisConnectionString"/>; silos on any number of machines).
    /// </summary>
    [Required]
    [AllowedValues(LocalhostClustering, RedisClustering, ErrorMessage = "must be localhost or redis")]
    public string Clustering { get; set; } = LocalhostClustering;

    /// <summary>With redis clustering: a StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c>.</summary>
    public string? RedisConnectionString { get; set; }

    /// <summary>
    /// With redis clustering: the address this silo listens on and publishes in membership, so that silos and
    /// clients on other machines can reach it. Loopback keeps a cluster on one machine.
    /// </summary>
    public string AdvertisedIPAddress { get; set; } = DefaultAdvertisedIPAddress;

    [Range(1, 65535)]
    public int SiloPort { get; set; } = DefaultSiloPort;

    [Range(1, 65535)]
    public int GatewayPort { get; set; } = DefaultGatewayPort;

    /// <summary>With localhost clustering: the silo port of the primary silo (this silo's own port makes it the primary).</summary>
    [Range(1, 65535)]
    public int PrimarySiloPort { get; set; } = DefaultSiloPort;

    /// <summary>
    /// The port this silo serves Prometheus metrics on, at <c>http://{MetricsHost}:{MetricsPort}/metrics</c>; 0 serves none.
    /// Silos on one machine each need their own.
    /// </summary>
    [Range(0, 65535)]
    public int MetricsPort { get; set; } = DefaultMetricsPort;

    /// <summary>
    /// The address the metrics endpoint listens on: <c>+</c> (default: every address, as a container needs for Prometheus
    /// to reach it), <c>127.0.0.1</c> or <c>localhost</c> for this machine only, or one of this machine's addresses.
    /// </summary>
    [Required]
    [RegularExpression(@"^(\+|\*|[A-Za-z0-9.\-]{1,253}|\[[0-9A-Fa-f:.]+\])$", ErrorMessage = "must be +, *, a host name or an IP address")]
    public string MetricsHost { get; set; } = DefaultMetricsHost;

    /// <summary>
    /// The fraction of new traces recorded when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (parent-based: a span whose
    /// parent was sampled is always recorded). <c>OTEL_TRACES_SAMPLER</c>, when set, takes precedence.
    /// </summary>
    [Range(0.0, 1.0)]
    public double TraceSampleRatio { get; set; } = 1.0;
    /// <summary>Mutual TLS on every connection (<c>SerialCluster:Silo:Tls:*</c>); off unless <c>Tls:Enabled</c> is true.</summary>
    public SiloTlsOptions Tls { get; set; } = new();

    public bool UsesRedis => string.Equals(Clustering, RedisClustering, StringComparison.Ordinal);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!UsesRedis)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(RedisConnectionString))
        {
            yield return new ValidationResult(
                "is required with Clustering=redis (e.g. 127.0.0.1:6379)", [nameof(RedisConnectionString)]);
        }
        else if (!RedisConnection.TryParse(RedisConnectionString, out _, out var error))
        {
            yield return new ValidationResult($"'{RedisConnectionString}' is not a Redis configuration string: {error}", [nameof(RedisConnectionString)]);
        }

        if (!IPAddress.TryParse(AdvertisedIPAddress, out var address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            yield return new ValidationResult(
                $"'{AdvertisedIPAddress}' is not an IP address peers can reach (e.g. 127.0.0.1, or this machine's address on the cluster's network)",
                [nameof(AdvertisedIPAddress)]);
        }
    }
}
