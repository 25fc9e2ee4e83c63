using System.Text.Json.Nodes;
using SerialCluster.Cli.Tests.Reports;

namespace SerialCluster.Cli.Tests.Commands;

/// <summary>A real embedded run saved as <c>run --json</c>, read back by <c>report --from</c>: timeline, critical path, profile, verdict, charts.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("report-test-").FullName;

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
