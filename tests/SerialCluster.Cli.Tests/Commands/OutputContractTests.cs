using System.Text.Json;
using System.Text.Json.Nodes;
using SerialCluster.Cli.Cluster;
using SerialCluster.Cli.Tests.Processes;

namespace SerialCluster.Cli.Tests.Commands;

/// <summary>
/// What a script may rely on: logs on stderr, exactly one JSON document on stdout, an error as one line however long
/// and however narrow the terminal, a failed job described in JSON, <c>jobs show</c>'s answer on stdout, <c>--version</c>.
/// </summary>
public sealed class OutputContractTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    [Trait("Category", "Cluster")]
    [Fact]
    public async Task VerboseLogsGoToStderrAndJsonStdoutIsOneDocument()
    {
        var (code, stdout, stderr) = await CliProcessRun.RunAsync(
            Deadline, "run", "hashchain", "--set", "steps=1000", "--silos", "1", "--json", "--verbose");

        Assert.True(code == ExitCodes.Success, stderr);
        using var document = JsonDocument.Parse(stdout);
        Assert.Equal("hashchain", document.RootElement.GetProperty("workload").GetString());
        Assert.Contains("info: Orleans", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnErrorIsOneLineHoweverLong()
    {
        var gateway = new string('g', 400);
        var (code, stdout, stderr) = await CliHarness.RunAsync("run", "hashchain", "--gateway", gateway);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(stdout);
        var line = Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.Contains($"--gateway '{gateway}' is not HOST:PORT", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnErrorOnANarrowTerminalIsOneLine()
    {
        // script(1) gives the CLI a pseudo-terminal 60 columns wide: stderr is a terminal, not a pipe.
        Assert.True(File.Exists("/usr/bin/script"), "this test needs script(1) from util-linux for a pseudo-terminal");
        var gateway = new string('g', 120);
        var (code, stdout, stderr) = await CliProcessRun.RunProgramAsync(
            "/usr/bin/script",
            ["-qec", $"stty cols 60; dotnet '{CliProcessRun.Dll}' run hashchain --gateway {gateway}", "/dev/null"],
            Deadline);

        Assert.True(code == ExitCodes.Usage, stdout + stderr);
        var line = Assert.Single(stdout.Split('\n'), l => l.Contains("error:", StringComparison.Ordinal));
        Assert.Contains($"--gateway '{gateway}' is not HOST:PORT", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("run", "--help")]
    [InlineData("jobs", "-h")]
    public async Task HelpAskedForGoesToStdout(params string[] args)
    {
        var (code, stdout, stderr) = await CliHarness.RunAsync(args);

        Assert.True(code == ExitCodes.Success, stderr);
        Assert.Contains("USAGE", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("USAGE", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VersionPrintsTheVersionAndTheCommitOnStdout()
    {
        var (code, stdout, stderr) = await CliHarness.RunAsync("--version");

        Assert.True(code == ExitCodes.Success, stderr);
        Assert.Empty(stderr);
        Assert.Matches(
            @"^serialcluster \d+\.\d+\.\d+\S* \(commit ([0-9a-f]{40}|unknown: built outside a git checkout); \.NET \d+\.\d+\.\d+\)\s*$", stdout);
    }

    [Trait("Category", "Cluster")]
    [Fact]
    public async Task AFailedJobUnderJsonPrintsItsIdStateErrorAndExitCode()
    {
        var (code, stdout, stderr) = await CliHarness.RunAsync(
            "run", "hashchain", "--set", "steps=1000000000", "--mode", "pinned", "--deadline", "0.5", "--silos", "1", "--json");

        Assert.True(code == ExitCodes.JobFailed, stderr);
        var document = JsonNode.Parse(stdout)!.AsObject();
        Assert.Equal(["jobId", "state", "error", "exitCode"], document.Select(p => p.Key));
        Assert.StartsWith("j-", document["jobId"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("failed", document["state"]!.GetValue<string>());
        Assert.Contains("deadline of 0.5 s passed", document["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.JobFailed, document["exitCode"]!.GetValue<int>());
    }

    [Trait("Category", "Cluster")]
    [Fact]
    public async Task JobsShowWritesTheJobToStdout()
    {
        await using var cluster = await EmbeddedCluster.StartAsync(1, verbose: false, CancellationToken.None);
        string[] connect = ["--gateway", $"127.0.0.1:{cluster.GatewayPorts[0]}", "--cluster-id", EmbeddedCluster.ClusterId];
        var run = await CliHarness.RunAsync(["run", "hashchain", "--set", "steps=1000", "--json", .. connect]);
        Assert.True(run.Code == ExitCodes.Success, run.Stderr);
        var id = JsonNode.Parse(run.Stdout)!["jobId"]!.GetValue<string>();

        var show = await CliHarness.RunAsync(["jobs", "show", id, .. connect]);
        Assert.True(show.Code == ExitCodes.Success, show.Stderr);
        Assert.Contains($"job {id}: hashchain (scatter), completed", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("reliability: coordinator runs", show.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain($"job {id}", show.Stderr, StringComparison.Ordinal);

        var json = await CliHarness.RunAsync(["jobs", "show", id, "--json", .. connect]);
        Assert.True(json.Code == ExitCodes.Success, json.Stderr);
        var document = JsonNode.Parse(json.Stdout)!;
        Assert.Equal(id, document["jobId"]!.GetValue<string>());
        Assert.Equal("completed", document["state"]!.GetValue<string>());
    }
}
