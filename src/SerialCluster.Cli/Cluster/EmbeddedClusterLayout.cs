using SerialCluster.Cli.Local;

namespace SerialCluster.Cli.Cluster;

/// <summary>
/// The shape of an embedded cluster: its silos, cluster id, membership and ports. The defaults are the CLI's own
/// embedded cluster; <c>serialcluster up</c> starts the same silos with its own id, optionally on Redis, in a host process.
/// </summary>
public sealed record EmbeddedClusterLayout(int Silos)
{
    public string ClusterId { get; init; } = EmbeddedCluster.ClusterId;

    /// <summary>Redis for membership and job storage (durable jobs); null keeps both in memory, the first silo holding membership.</summary>
    public string? Redis { get; init; }

    /// <summary>Silo i's gateway listens on this port + i; null picks free ports.</summary>
    public int? GatewayPortBase { get; init; }

    /// <summary>Serve <c>/metrics</c> on this loopback port from silo 0; null serves none.</summary>
    public int? MetricsPort { get; init; }

    /// <summary>
    /// Connect through the silos' gateways with a client of its own (a host that serves clients: its gateways are
    /// proven before it says it is ready); otherwise the first silo's own client, which costs no client start.
    /// </summary>
    public bool ClientThroughGateways { get; init; }

    /// <summary>
    /// Where the silos keep this machine's calibration between starts (<c>SerialCluster:Silo:CalibrationCacheDirectory</c>),
    /// so a one-shot command does not measure the machine again within the hour; null measures at every start.
    /// </summary>
    public string? CalibrationCacheDirectory { get; init; } = DefaultCalibrationCacheDirectory();

    /// <summary>The user's state directory (<see cref="LocalClusterPaths"/>), unless <c>SERIALCLUSTER_CALIBRATION_CACHE=off</c>.</summary>
    public static string? DefaultCalibrationCacheDirectory() =>
        string.Equals(Environment.GetEnvironmentVariable(CacheSwitchVariable), "off", StringComparison.OrdinalIgnoreCase)
            ? null
            : LocalClusterPaths.FromEnvironment().Directory;

    /// <summary>Set to <c>off</c> to measure the machine at every start of an embedded or local cluster.</summary>
    public const string CacheSwitchVariable = "SERIALCLUSTER_CALIBRATION_CACHE";
}
