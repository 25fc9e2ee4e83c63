using System.Text.Json.Nodes;

namespace SerialCluster.Cli.Tests.Commands;

/// <summary>The quick start's command, end to end at a small size: every speedup divides the pinned run.</summary>
[Trait("Category", "Cluster")]
public sealed class DemoCommandTests
{
    [Fact]
    public async Task DemoReportsAbsoluteSpeedupAgainstThePinnedRunBesideTheRelativeOne()
    {
        var (code, stdout, stderr) = await CliHarness.RunAsync("demo", "--seconds", "0.2", "--json");

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
        }

        Assert.Equal(1.0, rows[0]!["parallelism"]!.GetValue<double>());
        Assert.Contains("probe hashchain", stderr, StringComparison.Ordinal);
    }
}
