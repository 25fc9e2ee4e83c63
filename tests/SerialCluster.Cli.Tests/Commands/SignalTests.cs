using System.Globalization;
using System.Text.RegularExpressions;
using SerialCluster.Cli.Cluster;
using SerialCluster.Cli.Tests.Processes;

namespace SerialCluster.Cli.Tests.Commands;

/// <summary>
/// SIGINT (Ctrl+C), SIGTERM and SIGHUP, sent by PID to the real command in its own process, all end it the same way:
/// the job it started is cancelled, an embedded cluster stops (also during its start-up), and the exit code says which
/// signal (130, 143, 129). A follow loop whose only gateway goes away says so and exits 7.
/// </summary>
[Trait("Category", "Cluster")]
public sealed partial class SignalTests
{
    /// <summary>Long enough for a loaded machine to start a process and an embedded cluster; a hang runs far past it.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private static readonly string[] LongChain = ["run", "hashchain", "--set", "steps=1e12", "--mode", "pinned"];

    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    [InlineData("HUP", 129)]
    public async Task ASignalWhileFollowingAnEmbeddedJobCancelsItStopsTheClusterAndExitsWithTheSignalsCode(string signal, int expected)
    {
        using var cli = CliChildProcess.Start([.. LongChain, "--silos", "1"]);
        await cli.WaitForLineAsync("hashchain: ", Deadline);

        cli.Signal(signal);
        var code = await cli.WaitForExitAsync(Deadline);

        Assert.True(code == expected, $"exit {code}:\n{cli.Output()}");
        Assert.Contains("error: cancelled", cli.Output(), StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", cli.Output(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public async Task ASignalDuringEmbeddedStartUpExitsWithOneLineAndNoException(string signal, int expected)
    {
        using var cli = CliChildProcess.Start([.. LongChain, "--silos", "2"]);
        await cli.WaitForLineAsync("starting an embedded cluster", Deadline);

        cli.Signal(signal);
        var code = await cli.WaitForExitAsync(Deadline);

        Assert.True(code == expected, $"exit {code}:\n{cli.Output()}");
        Assert.Single(cli.Output().Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.DoesNotContain("Exception", cli.Output(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SigtermWhileFollowingThroughAGatewayCancelsTheJobOnTheCluster()
    {
        await using var cluster = await EmbeddedCluster.StartAsync(1, verbose: false, CancellationToken.None);
        string[] connect = ["--gateway", Gateway(cluster), "--cluster-id", EmbeddedCluster.ClusterId];
        using var cli = CliChildProcess.Start([.. LongChain, .. connect]);
        await cli.WaitForLineAsync("hashchain: ", Deadline);
        var jobId = Accepted().Match(cli.Output()).Groups[1].Value;

        cli.Signal("TERM");
        var code = await cli.WaitForExitAsync(Deadline);

        Assert.True(code == 143, $"exit {code}:\n{cli.Output()}");
        var (showCode, stdout, stderr) = await CliHarness.RunAsync(["jobs", "show", jobId, "--json", .. connect]);
        Assert.True(showCode == ExitCodes.Success, stderr);
        Assert.Equal("cancelled", System.Text.Json.Nodes.JsonNode.Parse(stdout)!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task AFollowWhoseOnlyGatewayGoesAwaySaysSoAndExits7()
    {
        var cluster = await EmbeddedCluster.StartAsync(1, verbose: false, CancellationToken.None);
        var gateway = Gateway(cluster);
        using var cli = CliChildProcess.Start([.. LongChain, "--gateway", gateway, "--cluster-id", EmbeddedCluster.ClusterId]);
        try
        {
            await cli.WaitForLineAsync("hashchain: ", Deadline);
        }
        finally
        {
            // The only silo goes away under the follow loop.
            await cluster.DisposeAsync();
        }

        var code = await cli.WaitForExitAsync(Deadline);

        Assert.True(code == ExitCodes.GatewayUnreachable, $"exit {code}:\n{cli.Output()}");
        Assert.Contains($"lost the connection to the cluster '{EmbeddedCluster.ClusterId}' via gateway {gateway}", cli.Output(), StringComparison.Ordinal);
        Assert.Contains($"--gateway {gateway} --cluster-id {EmbeddedCluster.ClusterId}`", cli.Output(), StringComparison.Ordinal);
    }

    private static string Gateway(EmbeddedCluster cluster) => "127.0.0.1:" + cluster.GatewayPorts[0].ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"job (j-[0-9a-f]{12}) accepted")]
    private static partial Regex Accepted();
}
