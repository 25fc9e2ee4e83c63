using System.Diagnostics;
using System.Text.RegularExpressions;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Cli;
using SerialCluster.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SerialCluster.Integration.Tests.Reliability;

/// <summary>
/// The real <c>serialcluster</c> process connected through Redis (issue #20, "Signals and lost clusters", "Connecting"):
/// a cluster id Redis does not know is named at once with the ids it has; a follow whose every silo dies says it is
/// reconnecting, and once new silos resume the stored job, follows it to its result.
/// </summary>
[Trait("Category", "Integration")]
[Trait("Category", "Reliability")]
[Collection(ProcessCollection.Name)]
public sealed partial class ClientReconnectTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = FaultCluster.Deadline;

    [SkippableFact]
    public async Task ACliThroughRedisNamesAnUnknownClusterIdAndReconnectsAfterEverySiloDies()
    {
        await using var cluster = await FaultCluster.StartAsync();

        using (var unknown = ChildProcess.Start(
            "serialcluster",
            "dotnet",
            [CliProcess.Dll, "jobs", "list", "--redis", cluster.Redis.ConnectionString, "--cluster-id", "nowhere"],
            AppContext.BaseDirectory))
        {
            var code = await unknown.WaitForExitAsync(Deadline);
            output.WriteLine($"unknown cluster id: rc {code}: {unknown.Output().Trim()}");
            Assert.Equal(ExitCodes.GatewayUnreachable, code);
            Assert.Contains($"has no cluster 'nowhere'; it has '{cluster.ClusterId}'", unknown.Output(), StringComparison.Ordinal);
        }

        using var cli = CliProcess.Start(cluster, "run", "hashchain", "--set", "seed=72656331", "--set", "steps=40000000", "--mode", "pinned");
        await cli.WaitForLineAsync(" accepted; following it", Deadline);
        var id = AcceptedLine().Match(cli.Output()).Groups[1].Value;
        var job = cluster.Client.GetGrain<IJobGrain>(id);
        await Poll.UntilAsync($"job {id} to make progress", Deadline, async () =>
        {
            var status = await job.GetStatusAsync();
            return status.UnitsDone > 0 ? status : null;
        });

        var clock = Stopwatch.StartNew();
        var old = cluster.Silos.Where(s => !s.HasExited).ToList();
        foreach (var silo in old)
        {
            silo.Kill();
        }

        await cli.WaitForLineAsync("reconnecting through Redis", Deadline);
        var said = clock.Elapsed;
        await Task.WhenAll(old.Select(cluster.RestartAsync));
        var exit = await cli.WaitForExitAsync(Deadline);
        output.WriteLine(
            $"kill -9 of {old.Count} silos; the CLI said it was reconnecting {said.TotalSeconds:F2} s later and exited with {exit} " +
            $"{clock.Elapsed.TotalSeconds:F2} s after the kill; its last lines:\n{string.Join('\n', cli.Output().Split('\n').TakeLast(6))}");

        Assert.True(exit == ExitCodes.Success, cli.Output());
        Assert.Contains("reconnected to the cluster", cli.Output(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"job (j-[0-9a-f]{12}) accepted")]
    private static partial Regex AcceptedLine();
}
