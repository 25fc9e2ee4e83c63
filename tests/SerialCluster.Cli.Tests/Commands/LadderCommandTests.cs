using System.Text.Json.Nodes;
using SerialCluster.Cli.Ladder;

namespace SerialCluster.Cli.Tests.Commands;

/// <summary>The ladder command at tiny sizes on its embedded cluster: every rung present, checked and tabled. No timing is asserted.</summary>
public sealed class LadderCommandTests
{
    [Trait("Category", "Cluster")]
    [Fact]
    public async Task QuickLadderMeasuresEveryRungAndChecksEachAgainstOneLoop()
    {
        var report = Path.Combine(Path.GetTempPath(), $"ladder-{Guid.NewGuid():N}.md");
        try
        {
            var (code, stdout, stderr) = await CliHarness.RunAsync("ladder", "--quick", "--json", "--every", "1,10", "--report", report);

            Assert.True(code == 0, stderr);
            var document = JsonNode.Parse(stdout)!.AsObject();
            Assert.True(document["allIdentical"]!.GetValue<bool>());
            var rungs = document["rungs"]!.AsArray().Select(r => r!.AsObject()).ToList();
            Assert.Equal(8, rungs.Count);
            Assert.Equal([1, 10], rungs.Select(r => r["k"]!.GetValue<int>()).Distinct().ToArray());
            foreach (var rung in rungs.Where(r => r["skipped"] is null))
            {
                Assert.True(rung["identicalToOneLoop"]!.GetValue<bool>());
                Assert.Equal(rung["crossings"]!.GetValue<long>() * rung["k"]!.GetValue<int>(), rung["steps"]!.GetValue<long>());
                Assert.True(rung["crossings"]!.GetValue<long>() >= LadderRunner.MinCrossings);
            }

            // The embedded cluster keeps its jobs in memory: the storage rung says it was skipped and why.
            var storage = rungs.Where(r => r["boundary"]!.GetValue<string>() == "job storage").ToList();
            Assert.Equal(2, storage.Count);
            Assert.All(storage, r => Assert.Contains("not Redis", r["skipped"]!.GetValue<string>(), StringComparison.Ordinal));
            Assert.Equal(6, rungs.Count(r => r["skipped"] is null));
            Assert.True(document["floors"]!["tcpRoundTripMicroseconds"]!.GetValue<double>() > 0);

            var markdown = await File.ReadAllTextAsync(report);
            var table = markdown.Split('\n').SkipWhile(l => l != LadderTable.Header).Skip(2).TakeWhile(l => l.StartsWith('|')).ToList();
            Assert.Equal(2, table.Count);
            Assert.All(table, line => Assert.Equal(8, line.Count(c => c == '|')));
            Assert.Contains("bit-identical", markdown, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(report);
        }
    }

    [Fact]
    public async Task ABadKIsRefusedBeforeAnyClusterStarts()
    {
        var (code, _, stderr) = await CliHarness.RunAsync("ladder", "--every", "1,0");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--every '1,0' has '0'; allowed: distinct whole numbers from 1 to 1,000,000", stderr, StringComparison.Ordinal);
    }
}
