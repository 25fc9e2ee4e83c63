using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SerialCluster.Cli.Cluster;

namespace SerialCluster.Cli.Tests.Commands;

/// <summary>Following long work: the job id at submission, the long-run warning, <c>jobs follow|wait</c> and <c>jobs list</c> filters.</summary>
public sealed partial class FollowingJobsTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Trait("Category", "Cluster")]
    [Fact]
    public async Task RunPrintsTheJobIdAtSubmissionBeforeAnyProgress()
    {
        var (code, _, stderr) = await CliHarness.RunAsync("run", "hashchain", "--set", "steps=200000", "--mode", "pinned", "--silos", "1");
        Assert.True(code == ExitCodes.Success, stderr);
        var accepted = AcceptedLine().Match(stderr);
        Assert.True(accepted.Success, stderr);
        var progress = stderr.IndexOf("hashchain: ", StringComparison.Ordinal);
        Assert.True(progress > accepted.Index, $"the id must come before the first progress line:\n{stderr}");
    }

    [Trait("Category", "Cluster")]
    [Fact]
    public async Task AJobPredictedToRunForHoursSaysSoBeforeItStarts()
    {
        var (code, _, stderr) = await CliHarness.RunAsync(
            "run", "hashchain", "--set", "steps=1e12", "--mode", "pinned", "--deadline", "0.5", "--silos", "1");
        Assert.True(code == ExitCodes.JobFailed, stderr);
        var note = stderr.IndexOf("note: this hashchain job is predicted to take about ", StringComparison.Ordinal);
        Assert.True(note >= 0, stderr);
        Assert.True(note < AcceptedLine().Match(stderr).Index, $"the prediction must come before the job starts:\n{stderr}");
    }

    [Theory]
    [InlineData("--state", "bogus", "--state 'bogus' is not a job state; allowed: running, completed, failed, rejected, cancelled")]
    [InlineData("--workload", "nope", "--workload 'nope' is not a workload; allowed: ")]
    public async Task JobsListFiltersAreCheckedBeforeAnyClusterStarts(string option, string value, string message)
    {
        var (code, _, stderr) = await CliHarness.RunAsync("jobs", "list", option, value);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("embedded", stderr, StringComparison.Ordinal);
    }

    [Trait("Category", "Cluster")]
    [Fact]
    public async Task FollowWaitAndListWatchJobsOnARunningClusterWithoutStoppingThem()
    {
        await using var cluster = await EmbeddedCluster.StartAsync(1, verbose: false, CancellationToken.None);
        var gateway = "127.0.0.1:" + cluster.GatewayPorts[0].ToString(CultureInfo.InvariantCulture);
        string[] connect = ["--gateway", gateway, "--cluster-id", EmbeddedCluster.ClusterId];
        var longRun = await CliHarness.RunAsync(["run", "hashchain", "--set", "steps=1e10", "--mode", "pinned", "--detach", "--yes", .. connect]);
        Assert.True(longRun.Code == ExitCodes.Success, longRun.Stderr);
        var running = longRun.Stdout.Trim();
        var shortRun = await CliHarness.RunAsync(["run", "montecarlo", "--set", "samples=100000", "--set", "tasks=2", "--detach", .. connect]);
        Assert.True(shortRun.Code == ExitCodes.Success, shortRun.Stderr);
        var done = shortRun.Stdout.Trim();

        var wait = await CliHarness.RunAsync(["jobs", "wait", done, "--json", .. connect]);
        Assert.True(wait.Code == ExitCodes.Success, wait.Stderr);
        Assert.Equal(done, JsonNode.Parse(wait.Stdout)!["jobId"]!.GetValue<string>());

        Assert.Equal([running], await ListAsync(connect, "--state", "running"));
        Assert.Equal([done], await ListAsync(connect, "--workload", "montecarlo"));
        Assert.Equal([done], await ListAsync(connect, "--state", "completed,failed", "--workload", "montecarlo,hashchain"));

        // Ctrl+C while following: the command stops watching (130) and the job runs on.
        using var ctrlC = new CancellationTokenSource();
        var stderr = new WatchedWriter();
        var follow = CliHarness.RunAsync(160, ctrlC.Token, stderr, ["jobs", "follow", running, .. connect]);
        await stderr.WaitForAsync("hashchain: ", Deadline);
        await ctrlC.CancelAsync();
        var followed = await follow;
        Assert.True(followed.Code == ExitCodes.Cancelled, followed.Stderr);
        Assert.Contains($"stopped watching job {running}; it runs on", followed.Stderr, StringComparison.Ordinal);
        Assert.Equal([running], await ListAsync(connect, "--state", "running"));

        var cancel = await CliHarness.RunAsync(["cancel", running, .. connect]);
        Assert.True(cancel.Code == ExitCodes.Success, cancel.Stderr);
        var waitCancelled = await CliHarness.RunAsync(["jobs", "wait", running, "--json", .. connect]);
        Assert.Equal(ExitCodes.Cancelled, waitCancelled.Code);
        Assert.Equal("cancelled", JsonNode.Parse(waitCancelled.Stdout)!["state"]!.GetValue<string>());
        Assert.Equal(ExitCodes.Cancelled, JsonNode.Parse(waitCancelled.Stdout)!["exitCode"]!.GetValue<int>());
        var followCancelled = await CliHarness.RunAsync(["jobs", "follow", running, .. connect]);
        Assert.Equal(ExitCodes.Cancelled, followCancelled.Code);
        var unknown = await CliHarness.RunAsync(["jobs", "wait", "j-000000000000", .. connect]);
        Assert.Equal(ExitCodes.JobNotFound, unknown.Code);
    }

    private static async Task<string[]> ListAsync(string[] connect, params string[] filters)
    {
        var (code, stdout, stderr) = await CliHarness.RunAsync(["jobs", "list", "--json", .. filters, .. connect]);
        Assert.True(code == ExitCodes.Success, stderr);
        return [.. JsonNode.Parse(stdout)!["jobs"]!.AsArray().Select(j => j!["jobId"]!.GetValue<string>()).Order(StringComparer.Ordinal)];
    }

    [GeneratedRegex(@"job (j-[0-9a-f]{12}) accepted")]
    private static partial Regex AcceptedLine();
}
