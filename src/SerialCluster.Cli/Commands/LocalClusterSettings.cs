using System.ComponentModel;
using SerialCluster.Cli.Cluster;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SerialCluster.Cli.Commands;

/// <summary>The shape of the local cluster, shared by <c>up</c> and the silo host it starts (<c>serve</c>).</summary>
public class LocalClusterSettings : CommandSettings
{
    /// <summary>The local cluster's id when none is given: its own, so it never joins another cluster on the same Redis by chance.</summary>
    public const string DefaultClusterId = "serialcluster-up";

    [CommandOption("--silos <N>")]
    [Description("Silos in the local cluster, as in the embedded cluster (1-16).")]
    [DefaultValue(2)]
    public int Silos { get; init; } = 2;

    [CommandOption("--redis <HOST:PORT>")]
    [Description("Keep membership and jobs in this Redis (durable: jobs survive `down` and `up`); default: in memory, gone at `down`.")]
    public string? Redis { get; init; }

    [CommandOption("--cluster-id <ID>")]
    [Description("The local cluster's id (default: serialcluster-up).")]
    [DefaultValue(DefaultClusterId)]
    public string ClusterId { get; init; } = DefaultClusterId;

    [CommandOption("--gateway-port <PORT>")]
    [Description("Silo i's gateway listens on 127.0.0.1:PORT+i (default: free ports); for clients that name a gateway (--gateway).")]
    public int? GatewayPort { get; init; }

    [CommandOption("--metrics-port <PORT>")]
    [Description("Serve the local cluster's Prometheus metrics at http://127.0.0.1:PORT/metrics (1-65535). Off by default.")]
    public int? MetricsPort { get; init; }

    [CommandOption("-v|--verbose")]
    [Description("Write the silos' logs to the local cluster's log file; show stack traces.")]
    public bool Verbose { get; init; }

    /// <summary>The embedded cluster these settings describe.</summary>
    public EmbeddedClusterLayout Layout() => new(Silos)
    {
        ClusterId = ClusterId,
        Redis = string.IsNullOrWhiteSpace(Redis) ? null : Redis,
        GatewayPortBase = GatewayPort,
        MetricsPort = MetricsPort,
    };

    public override ValidationResult Validate()
    {
        if (Silos is < 1 or > ClusterSettings.MaxEmbeddedSilos)
        {
            return ValidationResult.Error($"--silos {Silos} is out of range; allowed: 1 to {ClusterSettings.MaxEmbeddedSilos}");
        }

        if (GatewayPort is { } gateway && (gateway < 1 || gateway + Silos - 1 > ClusterSettings.MaxPort))
        {
            return ValidationResult.Error($"--gateway-port {gateway} is out of range; allowed: 1 to {ClusterSettings.MaxPort - Silos + 1} "
                + $"({Silos} silo(s) take PORT to PORT+{Silos - 1})");
        }

        if (MetricsPort is < 1 or > ClusterSettings.MaxPort)
        {
            return ValidationResult.Error($"--metrics-port {MetricsPort} is out of range; allowed: 1 to {ClusterSettings.MaxPort}");
        }

        if (string.IsNullOrWhiteSpace(ClusterId) || ClusterId.Any(char.IsWhiteSpace))
        {
            return ValidationResult.Error($"--cluster-id '{ClusterId}' is not a cluster id; give a name without spaces");
        }

        return ValidationResult.Success();
    }
}
