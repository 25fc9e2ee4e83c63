using System.Globalization;
using System.Text.Json.Nodes;
using SerialCluster.Cli.Cluster;
using SerialCluster.Cli.Tests.Reports;

namespace SerialCluster.Cli.Tests.Commands;

/// <summary>A real embedded run saved as <c>run --json</c>, read back by <c>report --from</c>: timeline, critical path, profile, verdict, charts.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("report-test-").FullName;

    [Trait("Category", "Cluster")]
    [Fact]
    public async Task ReportFromASavedRunHasEveryTaskOnItsSiloTheCriticalPathAVerdictAndCharts()
    {
        var run = await CliHarness.RunAsync("run", "montecarlo", "--set", "samples=1000000", "--set", "tasks=8", "--parallelism", "2", "--json");
        Assert.True(run.Code == 0, run.Stderr);
        var saved = Path.Combine(_folder, "run.json");
        await File.WriteAllTextAsync(saved, run.Stdout);
        var html = Path.Combine(_folder, "report.html");

        var (code, stdout, stderr) = await CliHarness.RunAsync("report", "--from", saved, "--json", "--html", html);

        Assert.True(code == 0, stderr);
        var document = JsonNode.Parse(stdout)!.AsObject();
        var runProfile = JsonNode.Parse(run.Stdout)!["profile"]!;
        var stages = document["stages"]!.AsArray();
        var tasks = runProfile["tasks"]!.GetValue<int>();
        var spans = stages.SelectMany(s => s!["spans"]!.AsArray()).ToList();
        Assert.Equal(tasks, spans.Sum(s => s!["tasks"]!.GetValue<int>()));
        var silos = runProfile["silos"]!.AsObject().Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        Assert.All(spans, s => Assert.Contains(s!["silo"]!.GetValue<string>(), silos));
        Assert.All(spans, s => Assert.True(s!["end"]!.GetValue<double>() >= s["start"]!.GetValue<double>()));
        Assert.Equal(stages.Count, document["criticalPath"]!.AsArray().Count);
        Assert.Equal(200, document["profile"]!.AsArray().Count);
        Assert.Contains(document["verdict"]!["kind"]!.GetValue<string>(), new[] { "span-bound", "throughput-bound", "dispatch-bound" });
        Assert.False(document["reconstructed"]!.GetValue<bool>());
        HtmlCharts.AssertPngImages(await File.ReadAllTextAsync(html), 2);

        var terminal = await CliHarness.RunAsync("report", "--from", saved);
        Assert.True(terminal.Code == 0, terminal.Stderr);
        Assert.Contains("verdict:", terminal.Stdout, StringComparison.Ordinal);
        Assert.Contains("critical path:", terminal.Stdout, StringComparison.Ordinal);
    }

    [Trait("Category", "Cluster")]
    [Fact]
    public async Task AJobRecordedOnABusyMachineGetsAnInconclusiveVerdictAndEveryPageAProvenanceHeader()
    {
        var run = await CliHarness.RunAsync("run", "montecarlo", "--set", "samples=1000000", "--set", "tasks=8", "--parallelism", "2", "--json");
        Assert.True(run.Code == 0, run.Stderr);
        var recorded = JsonNode.Parse(run.Stdout)!.AsObject();
        Assert.NotNull(recorded["load"]!["cores"]);
        recorded["load"] = new JsonObject { ["foreignCoresBefore"] = 1.6, ["foreignCoresAfter"] = 1.4, ["cores"] = 2, ["busy"] = true };
        var saved = Path.Combine(_folder, "busy.json");
        await File.WriteAllTextAsync(saved, recorded.ToJsonString());
        var html = Path.Combine(_folder, "busy.html");

        var (code, stdout, stderr) = await CliHarness.RunAsync("report", "--from", saved, "--html", html);

        Assert.True(code == 0, stderr);
        Assert.Contains("verdict: inconclusive: the machine was busy (other programs kept 1.6 → 1.4 of 2 cores busy)", stdout, StringComparison.Ordinal);
        var page = await File.ReadAllTextAsync(html);
        Assert.Contains("<table class=\"provenance\">", page, StringComparison.Ordinal);
        Assert.Contains($"<th>command</th><td>serialcluster report --from {saved} --html {html}</td>", page, StringComparison.Ordinal);
        Assert.Contains("<th>started (UTC)</th><td>20", page, StringComparison.Ordinal);
        Assert.Contains($"{Environment.ProcessorCount} cores</td>", page, StringComparison.Ordinal);
        Assert.Contains(
            "<th>load before → after</th><td>other programs kept 1.6 → 1.4 of 2 cores busy (recorded with the run)", page, StringComparison.Ordinal);
        Assert.Contains("<th>version</th><td>", page, StringComparison.Ordinal);
        Assert.Contains("Verdict: inconclusive", page, StringComparison.Ordinal);
    }

    [Trait("Category", "Cluster")]
    [Fact]
    public async Task ReportAndWhatIfReadAStoredJobByIdThroughAGateway()
    {
        await using var cluster = await EmbeddedCluster.StartAsync(2, verbose: false, CancellationToken.None);
        var gateway = "127.0.0.1:" + cluster.GatewayPorts[0].ToString(CultureInfo.InvariantCulture);
        string[] connect = ["--gateway", gateway, "--cluster-id", EmbeddedCluster.ClusterId];
        var run = await CliHarness.RunAsync(["run", "montecarlo", "--set", "samples=400000", "--set", "tasks=4", "--parallelism", "2", "--json", .. connect]);
        Assert.True(run.Code == 0, run.Stderr);
        var jobId = JsonNode.Parse(run.Stdout)!["jobId"]!.GetValue<string>();

        var report = await CliHarness.RunAsync(["report", jobId, "--json", .. connect]);
        var whatIf = await CliHarness.RunAsync(["whatif", jobId, "--cores", "4", "--json", .. connect]);
        var unknown = await CliHarness.RunAsync(["report", "j-000000000000", .. connect]);

        Assert.True(report.Code == 0, report.Stderr);
        Assert.Equal(jobId, JsonNode.Parse(report.Stdout)!["jobId"]!.GetValue<string>());
        Assert.Equal(4, JsonNode.Parse(report.Stdout)!["stages"]!.AsArray().Sum(s => s!["tasks"]!.GetValue<int>()));
        Assert.True(whatIf.Code == 0, whatIf.Stderr);
        Assert.Equal(jobId, JsonNode.Parse(whatIf.Stdout)!["jobId"]!.GetValue<string>());
        Assert.Equal(ExitCodes.JobNotFound, unknown.Code);
        Assert.Contains("j-000000000000", unknown.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AJobIdNeedsARunningCluster()
    {
        var (code, _, stderr) = await CliHarness.RunAsync("report", "j-0123456789ab");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--from run.json", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFileThatIsNotARunDocumentIsRefusedByName()
    {
        var path = Path.Combine(_folder, "bad.json");
        await File.WriteAllTextAsync(path, "{\"hello\": 1}");

        var (code, _, stderr) = await CliHarness.RunAsync("report", "--from", path);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(path, stderr, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
