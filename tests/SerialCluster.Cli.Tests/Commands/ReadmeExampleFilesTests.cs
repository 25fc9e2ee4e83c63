using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Cli.Tests.Commands;

/// <summary>
/// Every workload example in README.md that reads a file from <c>examples/</c> runs as written and gives a right answer:
/// each sudoku solution is a valid grid that keeps the puzzle's givens, and c17 and apples.arith give the outputs worked out by hand.
/// </summary>
public sealed partial class ReadmeExampleFilesTests
{
    [Trait("Category", "Cluster")]
    [Fact]
    public async Task EveryReadmeExampleThatReadsAnExampleFileRunsAndIsRight()
    {
        var root = RepositoryRoot();
        var readme = await File.ReadAllTextAsync(Path.Combine(root, "README.md"));
        var workloads = WorkloadCatalog.All.Select(w => w.Name).ToHashSet(StringComparer.Ordinal);
        var examples = InlineCode().Matches(readme)
            .Select(m => m.Groups["example"].Value)
            .Where(e => e.Contains("=@examples/", StringComparison.Ordinal) && workloads.Contains(e.Split(' ')[0]))
            .Distinct()
            .ToList();
        Assert.True(examples.Count >= 3, $"README's examples using examples/ files: {string.Join(" | ", examples)}");

        foreach (var example in examples)
        {
            var args = example.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(a => a.Replace("=@examples/", $"=@{root}/examples/", StringComparison.Ordinal));
            var (code, stdout, stderr) = await CliHarness.RunAsync(["run", .. args, "--silos", "1", "--json"]);
            Assert.True(code == ExitCodes.Success, $"`{example}`: rc {code}: {stderr}");
            var result = JsonNode.Parse(stdout)!["result"]!;
            var file = Path.Combine(root, example.Split("=@", 2)[1].Split(' ')[0]);
            if (example.StartsWith("sudoku", StringComparison.Ordinal))
            {
                AssertSolved(file, result, example);
            }
            else if (example.StartsWith("do1", StringComparison.Ordinal))
            {
                // c17 on 10110 gives outputs 22, 23 = 1, 0 (below); on 01101: 10 = 1, 11 = 1, 16 = NAND(1, 1) = 0, 19 = NAND(1, 1) = 0,
                // 22 = NAND(1, 0) = 1, 23 = NAND(0, 0) = 1. The exact agent wins the 3 episodes whose output is 1, and so does depth D.
                Assert.EndsWith("--set inputs=10110,01101", example, StringComparison.Ordinal);
                Assert.Equal(0.75, result["optimalReturn"]!.GetValue<double>());
                Assert.Equal(0, result["lostEpisodes"]!.AsArray()[^1]!.GetValue<long>());
            }
            else if (example.Contains("c17.bench", StringComparison.Ordinal))
            {
                // Inputs 1,2,3,6,7 = 1,0,1,1,0: 10 = NAND(1,3) = 0, 11 = NAND(3,6) = 0, 16 = NAND(2,11) = 1, 19 = NAND(11,7) = 1,
                // 22 = NAND(10,16) = 1, 23 = NAND(16,19) = 0.
                Assert.Equal("--set inputs=10110", example[example.IndexOf("--set inputs", StringComparison.Ordinal)..]);
                Assert.Equal("10", result["outputs"]!.GetValue<string>());
            }
            else if (example.Contains("apples.arith", StringComparison.Ordinal))
            {
                // a, b, c = 12, 3, 4: left = 12 + 3·4 − 5 = 19 apples, trees = 19² = 361.
                Assert.Equal("--set inputs=12,3,4", example[example.IndexOf("--set inputs", StringComparison.Ordinal)..]);
                Assert.Equal([19UL, 361UL], result["outputs"]!.AsArray().Select(v => v!.GetValue<ulong>()));
            }
        }
    }

    private static void AssertSolved(string file, JsonNode result, string example)
    {
        var puzzles = File.ReadAllLines(file).Select(l => l.Trim()).Where(l => l.Length > 0 && l[0] != '#').ToList();
        var solved = result["puzzles"]!.AsArray();
        Assert.Equal(puzzles.Count, solved.Count);
        for (var i = 0; i < puzzles.Count; i++)
        {
            var solution = solved[i]!["solution"]!.GetValue<string>();
            Assert.True(solved[i]!["unique"]!.GetValue<bool>(), $"`{example}`: puzzle {i + 1} has more than one solution");
            Assert.Equal(81, solution.Length);
            for (var cell = 0; cell < 81; cell++)
            {
                Assert.True(puzzles[i][cell] is '.' or '0' || puzzles[i][cell] == solution[cell], $"`{example}`: puzzle {i + 1} cell {cell} changed a given");
            }

            for (var unit = 0; unit < 9; unit++)
            {
                var row = Enumerable.Range(0, 9).Select(k => solution[(unit * 9) + k]);
                var column = Enumerable.Range(0, 9).Select(k => solution[(k * 9) + unit]);
                var box = Enumerable.Range(0, 9).Select(k => solution[((unit / 3 * 3) + (k / 3)) * 9 + (unit % 3 * 3) + (k % 3)]);
                foreach (var group in new[] { row, column, box })
                {
                    Assert.Equal("123456789", string.Concat(group.Order()));
                }
            }
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SerialCluster.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no SerialCluster.sln above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"`(?<example>[a-z0-9]+ [^`\n]+)`")]
    private static partial Regex InlineCode();
}
