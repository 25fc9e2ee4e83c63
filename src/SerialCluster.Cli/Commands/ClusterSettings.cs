using System.ComponentModel;
using SerialCluster.Cli.Cluster;
using SerialCluster.Grains.Security;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SerialCluster.Cli.Commands;

/// <summary>Options every command that talks to a cluster shares.</summary>
public class ClusterSettings : CommandSettings
{
    public const string GatewayEnvironmentVariable = "SERIALCLUSTER_GATEWAY";
    public const string RedisEnvironmentVariable = "SERIALCLUSTER_REDIS";
    public const string ClusterIdEnvironmentVariable = "SERIALCLUSTER_CLUSTER_ID";
    public const string ConnectTimeoutEnvironmentVariable = "SERIALCLUSTER_CONNECT_TIMEOUT";
    public const string DefaultClusterId = "serialcluster";
    public const string TlsCertificateEnvironmentVariable = "SERIALCLUSTER_TLS_CERT";
    public const string TlsKeyEnvironmentVariable = "SERIALCLUSTER_TLS_KEY";
    public const string TlsCaEnvironmentVariable = "SERIALCLUSTER_TLS_CA";
    public const int MaxEmbeddedSilos = 16;
    public const int MaxPort = 65535;
    public const int DefaultConnectTimeoutSeconds = 60;
    public const int MaxDefaultConnectTimeoutSeconds = 600;
    public const int MaxConnectTimeoutSeconds = 3600;

    [CommandOption("--gateway <HOST:PORT>")]
    [Description("Connect to a running cluster through this gateway (default: $SERIALCLUSTER_GATEWAY; when neither it nor --redis is set, "
        + "the local cluster `serialcluster up` started is used if it runs, else an embedded cluster runs inside this process, and `jobs` "
        + "and `cancel` refuse: jobs live on a running cluster).")]
    public string? Gateway { get; init; }

    [CommandOption("--redis <HOST:PORT>")]
    [Description("Connect to a running cluster through its Redis membership, e.g. 127.0.0.1:6379 (default: $SERIALCLUSTER_REDIS); "
        + "any live gateway of the cluster is used.")]
    public string? Redis { get; init; }

    [CommandOption("--embedded")]
    [Description("Run an embedded cluster inside this process even when a local cluster started by `serialcluster up` runs.")]
    public bool Embedded { get; init; }

    [CommandOption("--silos <N>")]
    [Description("Silos in the embedded cluster (1-16).")]
    [DefaultValue(2)]
    public int Silos { get; init; } = 2;

    [CommandOption("--metrics-port <PORT>")]
    [Description("Serve the embedded cluster's Prometheus metrics at http://127.0.0.1:PORT/metrics (1-65535; one endpoint for all its silos). Off by default.")]
    public int? MetricsPort { get; init; }

    [CommandOption("--cluster-id <ID>")]
    [Description("Cluster id to join when connecting to a gateway or through Redis (default: $SERIALCLUSTER_CLUSTER_ID, else serialcluster).")]
    public string? ClusterId { get; init; }

    [CommandOption("--tls-cert <PEM>")]
    [Description("Client certificate (PEM) for a cluster that requires mutual TLS, signed by the cluster's CA "
        + "(default: $SERIALCLUSTER_TLS_CERT). Needs --tls-key and --tls-ca.")]
    public string? TlsCertificate { get; init; }

    [CommandOption("--tls-key <PEM>")]
    [Description("The client certificate's private key, PEM (default: $SERIALCLUSTER_TLS_KEY).")]
    public string? TlsKey { get; init; }

    [CommandOption("--tls-ca <PEM>")]
    [Description("The cluster CA's certificate, PEM: the gateway must present a certificate it signed (default: $SERIALCLUSTER_TLS_CA).")]
    public string? TlsCa { get; init; }

    [CommandOption("--connect-timeout <SECONDS>")]
    [Description("How long to wait for the cluster's gateway to accept this client (1-3600 s; default: $SERIALCLUSTER_CONNECT_TIMEOUT, else "
        + "60 s, stretched by this machine's load average per core, up to 600 s: on a machine busy with many processes everything answers late).")]
    public int? ConnectTimeoutSeconds { get; init; }

    [CommandOption("--json")]
    [Description("Print exactly one JSON document on stdout; human text goes to stderr.")]
    public bool Json { get; init; }

    [CommandOption("-v|--verbose")]
    [Description("Show cluster logs and stack traces.")]
    public bool Verbose { get; init; }

    /// <summary>
    /// The Redis membership to connect through, from the option or the environment (an explicit --gateway wins over the
    /// environment); null otherwise.
    /// </summary>
    public string? EffectiveRedis =>
        NullIfEmpty(Redis) ?? (NullIfEmpty(Gateway) is null ? NullIfEmpty(Environment.GetEnvironmentVariable(RedisEnvironmentVariable)) : null);

    /// <summary>The gateway to use, from the option or the environment; null means Redis (<see cref="EffectiveRedis"/>) or embedded.</summary>
    public string? EffectiveGateway =>
        NullIfEmpty(Gateway) ?? (EffectiveRedis is null ? NullIfEmpty(Environment.GetEnvironmentVariable(GatewayEnvironmentVariable)) : null);

    /// <summary>
    /// Whether the command asked for the embedded cluster itself (<c>--embedded</c>, or <c>--metrics-port</c>, which only the
    /// embedded cluster serves): then a running local cluster is not used.
    /// </summary>
    public bool WantsEmbedded => Embedded || MetricsPort is not null;

    /// <summary>The client's TLS files, from the options or the environment (each option wins over its variable); null when none is given.</summary>
    public TlsFiles? EffectiveTls
    {
        get
        {
            var certificate = NullIfEmpty(TlsCertificate) ?? NullIfEmpty(Environment.GetEnvironmentVariable(TlsCertificateEnvironmentVariable));
            var key = NullIfEmpty(TlsKey) ?? NullIfEmpty(Environment.GetEnvironmentVariable(TlsKeyEnvironmentVariable));
            var ca = NullIfEmpty(TlsCa) ?? NullIfEmpty(Environment.GetEnvironmentVariable(TlsCaEnvironmentVariable));
            return certificate is null && key is null && ca is null
                ? null
                : new TlsFiles(certificate ?? string.Empty, key ?? string.Empty, ca ?? string.Empty, "--tls-cert", "--tls-key", "--tls-ca");
        }
    }

    /// <summary>The cluster id to join: the option, else the environment, else <see cref="DefaultClusterId"/>.</summary>
    public string EffectiveClusterId =>
        NullIfEmpty(ClusterId) ?? NullIfEmpty(Environment.GetEnvironmentVariable(ClusterIdEnvironmentVariable)) ?? DefaultClusterId;

    /// <summary>
    /// The connection options given on this command line, each with a leading space (" --gateway 10.0.0.1:30000
    /// --cluster-id lab"), for the commands a hint suggests: the next command must reach the same cluster. Options
    /// that came from the environment are left out: the same environment gives them again.
    /// </summary>
    public string ConnectionOptions => ConnectionArguments.Format(
        ("--gateway", Gateway), ("--redis", Redis), ("--cluster-id", ClusterId), ("--tls-cert", TlsCertificate), ("--tls-key", TlsKey),
        ("--tls-ca", TlsCa), ("--connect-timeout", ConnectTimeoutSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public override ValidationResult Validate()
    {
        if (Silos is < 1 or > MaxEmbeddedSilos)
        {
            return ValidationResult.Error($"--silos {Silos} is out of range; allowed: 1 to {MaxEmbeddedSilos}");
        }

        if (ConnectTimeoutSeconds is < 1 or > MaxConnectTimeoutSeconds)
        {
            return ValidationResult.Error($"--connect-timeout {ConnectTimeoutSeconds} is out of range; allowed: 1 to {MaxConnectTimeoutSeconds} seconds");
        }

        if (ConnectTimeoutSeconds is null && NullIfEmpty(Environment.GetEnvironmentVariable(ConnectTimeoutEnvironmentVariable)) is { } text
            && EnvironmentConnectTimeout is null)
        {
            return ValidationResult.Error(
                $"{ConnectTimeoutEnvironmentVariable}='{text}' is not a whole number of seconds from 1 to {MaxConnectTimeoutSeconds}");
        }

        if (MetricsPort is { } port)
        {
            if (port is < 1 or > MaxPort)
            {
                return ValidationResult.Error($"--metrics-port {port} is out of range; allowed: 1 to {MaxPort}");
            }

            if (EffectiveGateway is not null || EffectiveRedis is not null)
            {
                return ValidationResult.Error(
                    $"--metrics-port {port} is for the embedded cluster; a running cluster's silos serve their own (SerialCluster:Silo:MetricsPort)");
            }
        }

        if (NullIfEmpty(Gateway) is not null && NullIfEmpty(Redis) is not null)
        {
            return ValidationResult.Error("--gateway and --redis are two ways to reach a cluster; give one");
        }

        if (Embedded && (EffectiveGateway is not null || EffectiveRedis is not null))
        {
            return ValidationResult.Error(
                "--embedded runs a cluster inside this process; --gateway and --redis (or their variables) name a running one: give one");
        }

        if (EffectiveTls is { } tls)
        {
            if (EffectiveGateway is null && EffectiveRedis is null)
            {
                return ValidationResult.Error("--tls-cert, --tls-key and --tls-ca are for a running cluster (--gateway or --redis); "
                    + "the embedded cluster runs without TLS inside this process");
            }

            var missing = new[] { ("--tls-cert", tls.CertificatePath), ("--tls-key", tls.KeyPath), ("--tls-ca", tls.CaPath) }
                .Where(t => t.Item2.Length == 0).Select(t => t.Item1).ToList();
            if (missing.Count > 0)
            {
                return ValidationResult.Error($"mutual TLS needs --tls-cert, --tls-key and --tls-ca together; missing: {string.Join(", ", missing)}");
            }
        }

        return ValidationResult.Success();
    }

    /// <summary>How long to wait for a gateway to accept this client: the option, or the default stretched by the machine's load.</summary>
    public TimeSpan ConnectTimeout => (ConnectTimeoutSeconds ?? EnvironmentConnectTimeout) is { } seconds
        ? TimeSpan.FromSeconds(seconds)
        : LoadAverage.Stretch(TimeSpan.FromSeconds(DefaultConnectTimeoutSeconds), TimeSpan.FromSeconds(MaxDefaultConnectTimeoutSeconds));

    /// <summary>The connect time-out the environment gives, in seconds; null when it gives none or one out of range.</summary>
    private static int? EnvironmentConnectTimeout =>
        int.TryParse(
            Environment.GetEnvironmentVariable(ConnectTimeoutEnvironmentVariable),
            System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture,
            out var seconds) && seconds is >= 1 and <= MaxConnectTimeoutSeconds
            ? seconds
            : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
