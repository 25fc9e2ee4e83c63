using System.Diagnostics;
using SerialCluster.Cli;
using SerialCluster.Cli.Cluster;
using SerialCluster.Grains.Hosting;
using SerialCluster.Integration.Tests.Infrastructure;
using SerialCluster.Integration.Tests.Reliability;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace SerialCluster.Integration.Tests.Membership;

/// <summary>
/// A fresh start on the Redis of a cluster stopped uncleanly (every silo killed with kill -9, Redis kept), whose membership
/// table still lists the dead silos as active: new silos join without waiting on them, and a <c>--redis</c> run works.
/// </summary>
[Trait("Category", "Integration")]
[Collection(ProcessCollection.Name)]
public sealed class StaleMembershipTests(ITestOutputHelper output)
{
    /// <summary>What Orleans logs while a joining silo waits for silos that do not answer.</summary>
    private const string WaitingOnDeadSilos = "Failed to get ping responses";

    /// <summary>Orleans' <c>SiloStatus.Active</c>, as the Redis table stores it.</summary>
    private const int ActiveStatus = 3;

    private static readonly Dictionary<string, string> Job = new() { ["samples"] = "200000", ["tasks"] = "2", ["seed"] = "5" };

    /// <summary>
    /// A generous bound from the heartbeat settings (rows are stale after IAmAliveInterval × MissedIAmAliveLimit), with room
    /// for silo processes and the CLI to start on a loaded machine: not a measure of speed, a guard against waiting on the dead.
    /// </summary>
    private static readonly TimeSpan Bound =
        (ReliabilityOptions.DefaultIAmAliveInterval * ReliabilityOptions.DefaultMissedIAmAliveLimit) + FaultCluster.Deadline;

    [SkippableFact]
    public async Task NewSilosJoinWithoutWaitingOnKilledOnesAndARedisRunWorks()
    {
        var clock = Stopwatch.StartNew();
        await using var cluster = await FaultCluster.StartAsync();
        var firstStart = clock.Elapsed;
        await KillEverySiloAsync(cluster);
        clock.Restart();
        var fresh = await cluster.StartSilosAsync([.. FaultCluster.Names.Select((name, i) => new SiloSpec(name, FaultCluster.Settings(i)))]);
        var up = clock.Elapsed;
        using var cli = CliProcess.Start(cluster, ["run", "montecarlo", .. Job.SelectMany(p => new[] { "--set", $"{p.Key}={p.Value}" }), "--json"]);
        var exit = await cli.WaitForExitAsync(Bound);
        var served = clock.Elapsed;

        output.WriteLine(
            $"3 silos started on an empty Redis and a client connected in {firstStart.TotalSeconds:F2} s; all killed; 3 new silos active "
            + $"{up.TotalSeconds:F2} s after their start, a --redis run exited {exit} {served.TotalSeconds:F2} s after it");
        foreach (var silo in fresh)
        {
            var lines = silo.Output().Split('\n');
            output.WriteLine(
                $"{silo.Name}: '{WaitingOnDeadSilos}' {lines.Count(l => l.Contains(WaitingOnDeadSilos, StringComparison.Ordinal))} times; "
                + string.Join(" | ", lines.Where(
                    l => l.Contains("before joining", StringComparison.Ordinal) || l.Contains(WaitingOnDeadSilos, StringComparison.Ordinal))));
        }

        Assert.True(exit == 0, cli.Output());
        Assert.All(fresh, s => Assert.DoesNotContain(WaitingOnDeadSilos, s.Output(), StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task ARedisRunWhenEverySiloWasKilledSaysSoAtOnce()
    {
        await using var cluster = await FaultCluster.StartAsync();
        await KillEverySiloAsync(cluster);

        using var cli = CliProcess.Start(cluster, ["jobs", "list", "--connect-timeout", "30"]);
        var exit = await cli.WaitForExitAsync(FaultCluster.Deadline);
        output.WriteLine(cli.Output());

        Assert.Equal(ExitCodes.GatewayUnreachable, exit);
        Assert.Contains(
            $"error: cluster '{cluster.ClusterId}' has no live silo in Redis at {cluster.Redis.ConnectionString}: its 3 active row(s) are of silos "
                + "stopped uncleanly",
            cli.Output(),
            StringComparison.Ordinal);
    }

    /// <summary>
    /// kill -9 of every silo, then waits until the table shows what `docker compose up` meets after an unclean stop: the
    /// dead silos listed active, their heartbeats older than the staleness window.
    /// </summary>
    private static async Task KillEverySiloAsync(ProcessCluster cluster)
    {
        foreach (var silo in cluster.Silos)
        {
            silo.Kill();
        }

        foreach (var silo in cluster.Silos.ToList())
        {
            await silo.WaitForExitAsync(FaultCluster.Deadline);
        }

        var staleAfter = ReliabilityOptions.DefaultIAmAliveInterval * ReliabilityOptions.DefaultMissedIAmAliveLimit;
        await using var redis = await ConnectionMultiplexer.ConnectAsync(cluster.Redis.ConnectionString);
        var key = $"{ProcessCluster.ServiceId}/members/{cluster.ClusterId}";
        await Poll.UntilAsync($"the killed silos' rows to be active with heartbeats older than {staleAfter.TotalSeconds} s", FaultCluster.Deadline, async () =>
        {
            var rows = (await redis.GetDatabase().HashValuesAsync(key)).Select(v => MembershipRow.Parse(v.ToString())).OfType<MembershipRow>().ToList();
            var stale = rows.Count(r => r.Status == ActiveStatus && DateTime.UtcNow - r.IAmAliveTime > staleAfter);
            return stale == FaultCluster.Names.Length ? "stale" : null;
        });
    }
}
