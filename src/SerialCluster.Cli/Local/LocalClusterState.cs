namespace SerialCluster.Cli.Local;

/// <summary>
/// The state file's content: what <c>serialcluster up</c> started and how to reach it. Written by the silo host once
/// its gateways accept jobs; <see cref="ProcessStartTicks"/> tells the host from a later process that got its PID.
/// </summary>
public sealed record LocalClusterState(
    int Format,
    int Pid,
    long ProcessStartTicks,
    string ClusterId,
    string ServiceId,
    IReadOnlyList<LocalSiloEndpoint> Silos,
    string? Redis,
    string? MetricsUrl,
    DateTimeOffset StartedAt,
    string Log,
    string Version)
{
    /// <summary>The state file's format; a reader meeting another one treats the file as not its own.</summary>
    public const int CurrentFormat = 1;

    /// <summary>The gateways, "127.0.0.1:PORT, …".</summary>
    public string Gateways => string.Join(", ", Silos.Select(s => $"127.0.0.1:{s.GatewayPort}"));

    /// <summary>Where its jobs are kept, in words.</summary>
    public string Storage => Redis is null ? "in memory (gone at `down`)" : $"in Redis at {Redis} (kept across `down` and `up`)";
}
