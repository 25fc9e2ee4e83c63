using SerialCluster.Cli.Cluster;

namespace SerialCluster.Cli.Tests.Commands;

/// <summary><c>run --deadline/--detach</c>, <c>cancel</c> and <c>jobs</c>: refusals before any work, and a deadline that stops a job.</summary>
public sealed class JobCommandsTests
{
    [Trait("Category", "Cluster")]
    [Fact]
    public async Task AJobPastItsDeadlineIsStoppedAndTheErrorNamesTheDeadline()
    {
        var (code, _, stderr) = await CliHarness.RunAsync(
            "run", "hashchain", "--set", "steps=1000000000", "--mode", "pinned", "--deadline", "0.5", "--silos", "1");
        Assert.True(code == ExitCodes.JobFailed, stderr);
        Assert.Contains("the job's deadline of 0.5 s passed before it finished; it was stopped", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("604801")]
    [InlineData("NaN")]
    public async Task ADeadlineOutOfRangeIsRefusedNamingTheOptionBeforeAnyClusterStarts(string deadline)
    {
        var (code, _, stderr) = await CliHarness.RunAsync("run", "hashchain", "--deadline", deadline);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(
            $"--deadline {double.Parse(deadline, System.Globalization.CultureInfo.InvariantCulture)} is out of range; allowed: 0 (none) to 604800 seconds",
            stderr,
            StringComparison.Ordinal);
        Assert.DoesNotContain("embedded", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DetachWithoutARunningClusterIsRefused()
    {
        var (code, _, stderr) = await CliHarness.RunAsync("run", "hashchain", "--detach");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--detach needs a running cluster (`serialcluster up`, --gateway or --redis)", stderr, StringComparison.Ordinal);
    }

    [Trait("Category", "Cluster")]
    [Fact]
    public async Task CancellingOrShowingAJobThatDoesNotExistSaysSo()
    {
        await using var cluster = await EmbeddedCluster.StartAsync(1, verbose: false, CancellationToken.None);
        var cancel = await CliHarness.RunAsync(["cancel", "j-nothing", .. Connect(cluster)]);
        Assert.True(cancel.Code == ExitCodes.JobNotFound, cancel.Stderr);
        Assert.Contains("no job 'j-nothing'", cancel.Stderr, StringComparison.Ordinal);
        var show = await CliHarness.RunAsync(["jobs", "show", "j-nothing", .. Connect(cluster)]);
        Assert.True(show.Code == ExitCodes.JobNotFound, show.Stderr);
    }

    [Trait("Category", "Cluster")]
    [Fact]
    public async Task JobsListOnAFreshClusterIsAnEmptyJsonList()
    {
        await using var cluster = await EmbeddedCluster.StartAsync(1, verbose: false, CancellationToken.None);
        var (code, stdout, stderr) = await CliHarness.RunAsync(["jobs", "list", "--json", .. Connect(cluster)]);
        Assert.True(code == ExitCodes.Success, stderr);
        Assert.Equal("""{"jobs":[]}""", System.Text.Json.Nodes.JsonNode.Parse(stdout)!.ToJsonString());
    }

    /// <summary>Jobs live on a running cluster: here a silo in this process, reached through its gateway.</summary>
    private static string[] Connect(EmbeddedCluster cluster) =>
    [
        "--gateway", "127.0.0.1:" + cluster.GatewayPorts[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--cluster-id", EmbeddedCluster.ClusterId,
    ];
}
