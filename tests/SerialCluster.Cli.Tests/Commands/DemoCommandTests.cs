using System.Text.Json.Nodes;

namespace SerialCluster.Cli.Tests.Commands;

/// <summary>The quick start's command, end to end at a small size: every speedup divides the pinned run.</summary>
[Trait("Category", "Cluster")]
public sealed class DemoCommandTests
{
    [Fact]
    public async Task DemoReportsAbsoluteSpeedupAgainstThePinnedRunBesideTheRelativeOne()
    {
        var (code, stdout, stderr) = await CliHarness.RunAsync("demo", "--seconds", "0.2", "--repeat", "2", "--json");

        Assert.True(code == 0, stderr);
        var rows = JsonNode.Parse(stdout)!["rows"]!.AsArray();
        Assert.Equal(["hashchain", "montecarlo"], rows.Select(r => r!["workload"]!.GetValue<string>()).ToArray());
        foreach (var row in rows)
        {
            var serial = row!["serialSeconds"]!.GetValue<double>();
            var one = row["t1Seconds"]!.GetValue<double>();
            var all = row["tpSeconds"]!.GetValue<double>();
            Assert.True(serial > 0);
            Assert.Equal(serial / all, row["speedup"]!.GetValue<double>(), 12);
            Assert.Equal(one / all, row["relativeSpeedup"]!.GetValue<double>(), 12);
            foreach (var (spread, median) in new[] { ("serialSpreadSeconds", serial), ("t1SpreadSeconds", one), ("tpSpreadSeconds", all) })
            {
                Assert.Equal(2, row[spread]!["runs"]!.GetValue<int>());
                Assert.InRange(median, row[spread]!["min"]!.GetValue<double>(), row[spread]!["max"]!.GetValue<double>());
            }

            Assert.True(row["bound"]!.GetValue<double>() <= JsonNode.Parse(stdout)!["machineCores"]!.GetValue<int>());
        }

        Assert.Equal(2, JsonNode.Parse(stdout)!["repeat"]!.GetValue<int>());
        Assert.NotNull(JsonNode.Parse(stdout)!["load"]!["busy"]);
        Assert.Contains("probe hashchain", stderr, StringComparison.Ordinal);
        Assert.Contains("hashchain pinned (2/2)", stderr, StringComparison.Ordinal);

        Assert.Equal(1.0, rows[0]!["parallelism"]!.GetValue<double>());
    }

    [Fact]
    public async Task DemoRepeatsThreeTimesByDefaultAndShowsTheSpread()
    {
        var (code, stdout, stderr) = await CliHarness.RunAsync("demo", "--seconds", "0.2");

        Assert.True(code == 0, stderr);
        Assert.Contains("montecarlo P=1 (3/3)", stderr, StringComparison.Ordinal);
        Assert.Contains("times are medians of 3 runs with their spread", stdout, StringComparison.Ordinal);
        Assert.Contains(" ± ", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("21")]
    public async Task ARepeatOutsideItsRangeIsRefusedBeforeAnyWork(string repeat)
    {
        var (code, _, stderr) = await CliHarness.RunAsync("demo", "--repeat", repeat);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains($"--repeat {repeat} is out of range; allowed: 1 to 20", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("calibrating", stderr, StringComparison.Ordinal);
    }
}
