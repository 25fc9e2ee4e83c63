using System.Text.Json.Nodes;

namespace SerialCluster.Cli.Tests.Commands;

/// <summary>A long sweep: output paths refused before measuring, overall progress, and Ctrl+C keeping what was measured.</summary>
[Collection(MeasurementCollection.Name)]
public sealed class SweepFollowingTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Theory]
    [InlineData("--html")]
    [InlineData("--csv")]
    public async Task AnOutputPathThatIsAFolderIsRefusedBeforeMeasuring(string option)
    {
        var folder = Directory.CreateTempSubdirectory("sweep-out-").FullName;
        var (code, _, stderr) = await CliHarness.RunAsync("sweep", "montecarlo", "--set", "samples=100000", "--silos", "1", option, folder);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"{option} '{folder}' is a directory; give a file name", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("sweeping", stderr, StringComparison.Ordinal);
    }

    [Trait("Category", "Cluster")]
    [Fact]
    public async Task CtrlCMidSweepPrintsTheRunsAndWritesTheCompleteRoundsLabelledPartial()
    {
        var folder = Directory.CreateTempSubdirectory("sweep-partial-").FullName;
        var html = Path.Combine(folder, "sweep.html");
        var csv = Path.Combine(folder, "sweep.csv");
        using var ctrlC = new CancellationTokenSource();
        var stderr = new WatchedWriter();
        var sweep = CliHarness.RunAsync(
            160, ctrlC.Token, stderr,
            "sweep", "montecarlo", "--set", "samples=200000", "--set", "tasks=4", "--parallelism", "1,2", "--repeat", "20", "--warmup", "0",
            "--capacity-control", "off", "--silos", "1", "--json", "--html", html, "--csv", csv);
        // Round 1 is the pinned job, P = 1 and P = 2 (3 of the 60 jobs); the line of job 4 means round 1 is complete.
        await stderr.WaitForAsync("[4/60, ", Deadline);
        await ctrlC.CancelAsync();
        var (code, stdout, text) = await sweep;

        Assert.True(code == ExitCodes.Cancelled, text);
        Assert.Contains("sweep cancelled after ", text, StringComparison.Ordinal);
        Assert.Contains("measured so far:", text, StringComparison.Ordinal);
        Assert.Contains("repeat 1 P=2: ", text, StringComparison.Ordinal);
        var document = JsonNode.Parse(stdout)!;
        Assert.True(document["partial"]!.GetValue<bool>());
        var rounds = document["repeat"]!.GetValue<int>();
        Assert.InRange(rounds, 1, 19);
        Assert.Equal(2 * rounds, document["runs"]!.AsArray().Count);
        Assert.Contains("(partial)", File.ReadAllText(html), StringComparison.Ordinal);
        Assert.Equal(3, File.ReadAllLines(csv).Length);
    }
}
