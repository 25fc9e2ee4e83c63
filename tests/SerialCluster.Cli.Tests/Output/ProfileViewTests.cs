using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SerialCluster.Cli.Tests.Output;

/// <summary>The human profile shows what ran: the cores it used, a bound no larger than the cores, and durations in readable units.</summary>
[Trait("Category", "Cluster")]
public sealed partial class ProfileViewTests
{
    [Fact]
    public async Task APinnedJobShowsOneCoreNotTheParallelismItWasAllowed()
    {
        var (code, stdout, stderr) = await CliHarness.RunAsync(
            "run", "montecarlo", "--set", "samples=2000000", "--set", "tasks=8", "--mode", "pinned", "--parallelism", "2", "--silos", "2");

        Assert.True(code == 0, stderr);
        Assert.Contains("· P=1 (pinned: one core; P=2 was allowed) ·", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("· P=2 ·", stdout, StringComparison.Ordinal);
        Assert.Matches(CoresUsedRow(), stdout);
        Assert.Equal("1.00", ParallelismRow().Match(stdout).Groups[1].Value);
        Assert.Equal(1, int.Parse(BoundRow().Match(stdout).Groups[1].Value, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task TheBoundNeverExceedsTheCoresAndSaysWhenPDoes()
    {
        var cores = await ClusterCoresAsync();
        var asked = cores + 6;

        var (code, stdout, stderr) = await CliHarness.RunAsync(
            "run", "montecarlo", "--set", "samples=2000000", "--set", "tasks=16", "--mode", "scatter", "--parallelism",
            asked.ToString(CultureInfo.InvariantCulture), "--silos", "2");

        Assert.True(code == 0, stderr);
        var bound = BoundRow().Match(stdout);
        Assert.True(bound.Success, stdout);
        Assert.Equal(cores, int.Parse(bound.Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.True(double.Parse(bound.Groups[2].Value, CultureInfo.InvariantCulture) <= cores, stdout);
        Assert.Contains($"note: P={asked} exceeds the {cores} cores here, so the bound is taken at {cores}", stdout, StringComparison.Ordinal);
        Assert.Contains("utilisation", stdout, StringComparison.Ordinal);
        Assert.Contains("idle core time", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATinyJobShowsItsTimesInMicrosecondsOrMillisecondsNotZeroSeconds()
    {
        var (code, stdout, stderr) = await CliHarness.RunAsync("run", "hashchain", "--set", "steps=10", "--silos", "1");

        Assert.True(code == 0, stderr);
        Assert.DoesNotContain("0.000 s", stdout, StringComparison.Ordinal);
        Assert.Matches(WorkRow(), stdout);
    }

    [Fact]
    public async Task OnePredictedFigureMatchesTheModeTableRowThatRan()
    {
        var (code, stdout, stderr) = await CliHarness.RunAsync("run", "hashchain", "--set", "steps=20000", "--mode", "auto", "--silos", "1");

        Assert.True(code == 0, stderr);
        Assert.Single(PredictedRow().Matches(stdout));
        Assert.DoesNotContain("│ corrected  ", stdout.Split("│ mode")[0], StringComparison.Ordinal);
        Assert.Matches(@"│\s+model │", stdout);
        Assert.DoesNotContain("│ predicted │", stdout.Split("│ mode")[1], StringComparison.Ordinal);
    }

    private static async Task<int> ClusterCoresAsync()
    {
        var (code, stdout, stderr) = await CliHarness.RunAsync("cluster", "--json", "--silos", "2");
        Assert.True(code == 0, stderr);
        var silos = JsonNode.Parse(stdout)!["silos"]!.AsArray();
        return silos.GroupBy(s => s!["machine"]!.GetValue<string>()).Sum(g => g.Max(s => s!["cores"]?.GetValue<int>() ?? Environment.ProcessorCount));
    }

    [GeneratedRegex(@"│ cores used\s+│\s+1 │")]
    private static partial Regex CoresUsedRow();

    [GeneratedRegex(@"│ parallelism\s+│\s+([\d.]+) │")]
    private static partial Regex ParallelismRow();

    [GeneratedRegex(@"│ bound at (\d+)\s+│\s+([\d.]+)× │")]
    private static partial Regex BoundRow();

    [GeneratedRegex(@"│ work\s+│\s+[\d.]+ (µs|ms) │")]
    private static partial Regex WorkRow();

    [GeneratedRegex(@"│ predicted\s+│")]
    private static partial Regex PredictedRow();
}
