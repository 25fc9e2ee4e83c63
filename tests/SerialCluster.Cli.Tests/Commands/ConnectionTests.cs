using System.Globalization;
using SerialCluster.Cli.Cluster;
using SerialCluster.Cli.Commands;
using SerialCluster.Cli.Tests.Processes;

namespace SerialCluster.Cli.Tests.Commands;

/// <summary>
/// Connecting to a running cluster (a real silo reached through its gateway): a wrong cluster id is named as such at
/// once, the cluster id comes from the environment as the other connection options do, hints repeat the connection
/// options given, and commands about stored jobs refuse to start an empty embedded cluster.
/// </summary>
public sealed class ConnectionTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Trait("Category", "Cluster")]
    [Fact]
    public async Task AGatewayOfAnotherClusterIdIsNamedAtOnceWithoutMentioningTls()
    {
        await using var cluster = await EmbeddedCluster.StartAsync(1, verbose: false, CancellationToken.None);

        // A wait this long would run past the test's patience: the answer must come from the gateway, not the clock.
        var (code, stdout, stderr) = await CliHarness.RunAsync(
            "jobs", "list", "--gateway", Gateway(cluster), "--cluster-id", "other", "--connect-timeout", "600");

        Assert.Equal(ExitCodes.GatewayUnreachable, code);
        Assert.Empty(stdout);
        Assert.Contains("a gateway answered, but", stderr, StringComparison.Ordinal);
        Assert.Contains("cluster", stderr, StringComparison.Ordinal);
        Assert.Contains("'other'", stderr, StringComparison.Ordinal);
        Assert.Contains("--cluster-id", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("TLS", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("within 600 s", stderr, StringComparison.Ordinal);
    }

    [Trait("Category", "Cluster")]
    [Fact]
    public async Task TheClusterIdComesFromTheEnvironmentLikeTheOtherConnectionOptions()
    {
        await using var cluster = await EmbeddedCluster.StartAsync(1, verbose: false, CancellationToken.None);
        using var cli = CliChildProcess.Start(
            ["jobs", "list", "--json"],
            new Dictionary<string, string>
            {
                [ClusterSettings.GatewayEnvironmentVariable] = Gateway(cluster),
                [ClusterSettings.ClusterIdEnvironmentVariable] = EmbeddedCluster.ClusterId,
            });

        var code = await cli.WaitForExitAsync(Deadline);

        Assert.True(code == ExitCodes.Success, $"exit {code}:\n{cli.Output()}");
        var printed = System.Text.RegularExpressions.Regex.Replace(cli.Output(), @"\s+", string.Empty);
        Assert.Contains("""{"jobs":[]}""", printed, StringComparison.Ordinal);
    }

    [Trait("Category", "Cluster")]
    [Fact]
    public async Task EveryHintRepeatsTheConnectionOptionsGiven()
    {
        await using var cluster = await EmbeddedCluster.StartAsync(1, verbose: false, CancellationToken.None);
        var options = $"--gateway {Gateway(cluster)} --cluster-id {EmbeddedCluster.ClusterId} --connect-timeout 120";
        string[] connect = ["--gateway", Gateway(cluster), "--cluster-id", EmbeddedCluster.ClusterId, "--connect-timeout", "120"];

        var detached = await CliHarness.RunAsync(["run", "hashchain", "--set", "steps=1000", "--detach", .. connect]);
        var unknown = await CliHarness.RunAsync(["jobs", "show", "j-000000000000", .. connect]);

        Assert.True(detached.Code == ExitCodes.Success, detached.Stderr);
        var jobId = detached.Stdout.Trim();
        Assert.Contains($"`serialcluster jobs show {jobId} {options}`", OneLine(detached.Stderr), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.JobNotFound, unknown.Code);
        Assert.Contains($"`serialcluster jobs list {options}`", OneLine(unknown.Stderr), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("soon")]
    public async Task AConnectTimeoutFromTheEnvironmentIsCheckedLikeTheOption(string value)
    {
        using var cli = CliChildProcess.Start(
            ["jobs", "list", "--gateway", "127.0.0.1:1"], new Dictionary<string, string> { [ClusterSettings.ConnectTimeoutEnvironmentVariable] = value });

        var code = await cli.WaitForExitAsync(Deadline);

        Assert.True(code == ExitCodes.Usage, $"exit {code}:\n{cli.Output()}");
        Assert.Contains($"SERIALCLUSTER_CONNECT_TIMEOUT='{value}' is not a whole number of seconds from 1 to 3600", cli.Output(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("jobs", "list")]
    [InlineData("jobs", "show", "j-000000000000")]
    [InlineData("jobs", "delete", "j-000000000000")]
    [InlineData("cancel", "j-000000000000")]
    public async Task CommandsAboutStoredJobsWithoutARunningClusterFailAtOnce(params string[] args)
    {
        var (code, stdout, stderr) = await CliHarness.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(stdout);
        Assert.Contains("jobs live on a running cluster: start one with `serialcluster up`, or give --gateway or --redis", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("embedded", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.0.0.1:30000", "10.0.0.1:30000")]
    [InlineData("/tmp/my certs/client.pem", "'/tmp/my certs/client.pem'")]
    [InlineData("it's", "'it'\\''s'")]
    public void AnOptionValueIsQuotedOnlyWhereAShellWouldSplitIt(string value, string expected) =>
        Assert.Equal(expected, ConnectionArguments.Quote(value));

    /// <summary>The harness wraps stderr at its width; each message itself is one line.</summary>
    private static string OneLine(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    private static string Gateway(EmbeddedCluster cluster) => "127.0.0.1:" + cluster.GatewayPorts[0].ToString(CultureInfo.InvariantCulture);
}
