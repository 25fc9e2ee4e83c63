using System.Text.Json.Nodes;
using SerialCluster.Cli.Bench;

namespace SerialCluster.Cli.Tests.Commands;

/// <summary>The bench command at tiny sizes: it runs every measurement and emits a well-formed table. No timing is asserted.</summary>
public sealed class BenchCommandTests
{
    [Trait("Category", "Cluster")]
    [Fact]
    public async Task QuickBenchMeasuresEveryTargetAndWritesTheTable()
    {
        var report = Path.Combine(Path.GetTempPath(), $"bench-{Guid.NewGuid():N}.md");
        var baselines = Path.Combine(Path.GetTempPath(), $"baselines-{Guid.NewGuid():N}.txt");
        await File.WriteAllLinesAsync(baselines,
        [
            "baseline=sha256_openssl unit=steps units_per_s=1.0000e+07 ns_per_step=100.0",
            "baseline=eca_rule110 unit=cell-updates units_per_s=1.5000e+11 rule=110 width=4096",
        ]);
        try
        {
            var (code, stdout, stderr) = await CliHarness.RunAsync("bench", "--quick", "--json", "--baselines", baselines, "--report", report);
            Assert.True(code == 0, stderr);
            var document = JsonNode.Parse(stdout)!.AsObject();
            foreach (var field in new[] { "started", "seconds", "machine", "loadBefore", "loadAfter", "sizes", "cluster", "load", "rows", "details" })
            {
                Assert.True(document.ContainsKey(field), $"the bench document lacks {field}");
            }

            Assert.Equal("quick", document["sizes"]!.GetValue<string>());
            var rows = document["rows"]!.AsArray().Select(r => r!.AsObject()).ToList();
            Assert.Equal(["1", "2", "3", "4", "5", "6", "7", "8"], rows.Select(r => r["target"]!.GetValue<string>()).Distinct().ToArray());
            foreach (var row in rows)
            {
                Assert.False(string.IsNullOrWhiteSpace(row["what"]!.GetValue<string>()));
                Assert.False(string.IsNullOrWhiteSpace(row["goal"]!.GetValue<string>()));
                // Only Dask's rows (7) may be missing, where its Debian package is not installed, and then they say so.
                if (row["measured"]!.GetValue<string>() == "—")
                {
                    Assert.Equal("7", row["target"]!.GetValue<string>());
                    Assert.Contains("python3-distributed", row["note"]!.GetValue<string>(), StringComparison.Ordinal);
                }
            }

            // Target 2 read both C baselines: its rows have ratios.
            Assert.All(rows.Where(r => r["target"]!.GetValue<string>() == "2"), r => Assert.NotNull(r["ratio"]));
            // Target 8 ran the one-shot command as real processes: embedded, against `up`, and the first job against a warm one.
            Assert.Equal(3, rows.Count(r => r["target"]!.GetValue<string>() == "8" && r["ratio"] is not null));
            var markdown = await File.ReadAllTextAsync(report);
            Assert.Contains(BenchReport.TableHeader, markdown, StringComparison.Ordinal);
            Assert.Contains("load average", markdown, StringComparison.Ordinal);
            Assert.Contains("- other programs: ", markdown, StringComparison.Ordinal);
            Assert.True(document["load"]!["busy"] is not null, "the bench document lacks load.busy");
            var table = markdown.Split('\n').SkipWhile(l => l != BenchReport.TableHeader).Skip(2).TakeWhile(l => l.StartsWith('|')).ToList();
            Assert.Equal(rows.Count, table.Count);
            Assert.All(table, line => Assert.Equal(8, line.Count(c => c == '|') - line.Split("\\|").Length + 1));
        }
        finally
        {
            File.Delete(report);
            File.Delete(baselines);
        }
    }

    [Fact]
    public void TargetSixHoldsGrowthToTheResultsAsTheJobHoldsThem()
    {
        // A one-sample montecarlo task's result: the plan's 8-byte count, held as its own array object plus a reference
        // (allocation counts are exact; no size of the machine's memory is asserted).
        var (payload, held) = ScaleBench.ResultSize();
        Assert.Equal(8, payload);
        Assert.InRange(held, payload + IntPtr.Size + 1, payload + IntPtr.Size + 64);
    }

    [Fact]
    public async Task AnUnknownTargetIsRefusedBeforeAnyClusterStarts()
    {
        var (code, _, stderr) = await CliHarness.RunAsync("bench", "--targets", "1,9");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--targets '1,9' has '9'", stderr, StringComparison.Ordinal);
    }
}
