using System.Diagnostics;
using SerialCluster.Integration.Tests.Infrastructure;

namespace SerialCluster.Integration.Tests.Reliability;

/// <summary>
/// Three silo processes on a redis-server of their own, tuned to declare a lost silo dead within a few seconds,
/// for one fault test. Scores set silo-0 first for chains, then silo-1, then silo-2.
/// </summary>
public static class FaultCluster
{
    public static readonly string[] Names = ["silo-0", "silo-1", "silo-2"];
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    public static string[] Settings(int index, params string[] extra) =>
    [
        .. SiloProcess.Setting("SingleThreadScoreOverride", ((3 - index) * 1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        .. SiloProcess.Setting("Reliability:ProbeTimeout", "00:00:01"),
        .. SiloProcess.Setting("Reliability:KeeperInterval", "00:00:01"),
        .. SiloProcess.Setting("HopProbeInterval", "00:00:00"),
        .. extra,
    ];

    /// <summary>Starts the three silos and connects the client.</summary>
    public static async Task<ProcessCluster> StartAsync(params string[] extra)
    {
        var cluster = await ProcessCluster.CreateAsync();
        try
        {
            await cluster.StartSilosAsync([.. Names.Select((name, i) => new SiloSpec(name, Settings(i, extra)))]);
            await cluster.ConnectAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Every silo's log lines about <paramref name="jobId"/>, SerialCluster's own and membership's, for a failure's story.</summary>
    public static string Story(ProcessCluster cluster, string jobId) =>
        string.Join('\n', cluster.Silos.SelectMany(s => s.Output().Split('\n')
            .Where(
                l => l.Contains(jobId, StringComparison.Ordinal) || l.Contains("SerialCluster.", StringComparison.Ordinal) || l.Contains(
                    "is active in cluster",
                    StringComparison.Ordinal) || l.Contains("declared dead", StringComparison.OrdinalIgnoreCase))
            .Select(l => $"[{s.Name}/{s.Pid}] {l.TrimEnd()}")));

    /// <summary>Waits until membership no longer lists <paramref name="silo"/> as active; returns when that was, from <paramref name="since"/>.</summary>
    public static async Task<TimeSpan> WaitUntilDeclaredDeadAsync(ProcessCluster cluster, SiloProcess silo, Stopwatch since)
    {
        var management = cluster.Client.GetGrain<IManagementGrain>(0);
        await Poll.UntilAsync($"membership to declare {silo.Name} (port {silo.SiloPort}) dead", Deadline, async () =>
        {
            try
            {
                var hosts = await management.GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(5));
                return hosts.Keys.Any(a => a.Endpoint.Port == silo.SiloPort) ? null : "dead";
            }
            catch (Exception e) when (e is TimeoutException or OrleansException)
            {
                return null;
            }
        });
        return since.Elapsed;
    }
}
