using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SerialCluster.Cli.Commands;

/// <summary>Options every command that talks to a cluster shares.</summary>
public class ClusterSettings : CommandSettings
{
    public const string GatewayEnvironmentVariable = "SERIALCLUSTER_GATEWAY";
    public const string RedisEnvironmentVariable = "SERIALCLUSTER_REDIS";
    public const int MaxEmbeddedSilos = 16;

    [CommandOption("--gateway <HOST:PORT>")]
    [Description("Connect to a running cluster through this gateway (default: $SERIALCLUSTER_GATEWAY; when neither is set, an embedded cluster runs inside this process).")]
    public string? Gateway { get; init; }

    [CommandOption("--redis <HOST:PORT>")]
    [Description("Connect to a running cluster through its Redis membership, e.g. 127.0.0.1:6379 (default: $SERIALCLUSTER_REDIS); any live gateway of the cluster is used.")]
    public string? Redis { get; init; }

    [CommandOption("--silos <N>")]
    [Description("Silos in the embedded cluster (1-16).")]
    [DefaultValue(2)]
    public int Silos { get; init; } = 2;

    [CommandOption("--cluster-id <ID>")]
    [Description("Cluster id to join when connecting to a gateway or through Redis.")]
    [DefaultValue("serialcluster")]
    public string ClusterId { get; init; } = "serialcluster";

    [CommandOption("--json")]
    [Description("Print exactly one JSON document on stdout; human text goes to stderr.")]
    public bool Json { get; init; }

    [CommandOption("-v|--verbose")]
    [Description("Show cluster logs and stack traces.")]
    public bool Verbose { get; init; }

    /// <summary>The Redis membership to connect through, from the option or the environment (an explicit --gateway wins over the environment); null otherwise.</summary>
    public string? EffectiveRedis =>
        NullIfEmpty(Redis) ?? (NullIfEmpty(Gateway) is null ? NullIfEmpty(Environment.GetEnvironmentVariable(RedisEnvironmentVariable)) : null);

    /// <summary>The gateway to use, from the option or the environment; null means Redis (<see cref="EffectiveRedis"/>) or embedded.</summary>
    public string? EffectiveGateway =>
        NullIfEmpty(Gateway) ?? (EffectiveRedis is null ? NullIfEmpty(Environment.GetEnvironmentVariable(GatewayEnvironmentVariable)) : null);

    public override ValidationResult Validate()
    {
        if (Silos is < 1 or > MaxEmbeddedSilos)
        {
            return ValidationResult.Error($"--silos {Silos} is out of range; allowed: 1 to {MaxEmbeddedSilos}");
        }

        if (NullIfEmpty(Gateway) is not null && NullIfEmpty(Redis) is not null)
        {
            return ValidationResult.Error("--gateway and --redis are two ways to reach a cluster; give one");
        }

        return ValidationResult.Success();
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
