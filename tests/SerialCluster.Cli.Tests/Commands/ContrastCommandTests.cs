using System.Text.Json.Nodes;
using SerialCluster.Cli.Tests.Reports;

namespace SerialCluster.Cli.Tests.Commands;

/// <summary>
/// <c>contrast</c> end to end on the embedded cluster, tiny sizes: every side ran pinned and scattered at each P with one
/// result (the command refuses otherwise), its speedups divide the pinned run, and the sides of a pair that compute the
/// same thing by another algorithm agree: Rule 90 stepped and by its doubling jump, an S5 fold and its tree.
/// </summary>
public sealed class ContrastCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("contrast-test-").FullName;

    [Trait("Category", "Cluster")]
    [Fact]
    public async Task PairsRunPinnedAndScatteredWithAbsoluteSpeedupsAndTheirSidesAgree()
    {
        var html = Path.Combine(_folder, "contrast.html");
        var markdown = Path.Combine(_folder, "contrast.md");
        var (code, stdout, stderr) = await CliHarness.RunAsync(
            "contrast", "--pairs", "eca,s5", "--seconds", "0.05", "--parallelism", "1,2", "--html", html, "--markdown", markdown, "--json");

        Assert.True(code == 0, stderr);
        var document = JsonNode.Parse(stdout)!.AsObject();
        var pairs = document["pairs"]!.AsArray();
        Assert.Equal(["eca", "s5"], pairs.Select(p => p!["id"]!.GetValue<string>()).ToArray());
        foreach (var side in pairs.SelectMany(p => p!["sides"]!.AsArray()))
        {
            var serial = side!["serialSeconds"]!.GetValue<double>();
            Assert.True(serial > 0);
            var points = side["points"]!.AsArray();
            Assert.Equal([1, 2], points.Select(p => p!["p"]!.GetValue<int>()).ToArray());
            foreach (var point in points)
            {
                Assert.Equal(serial / point!["seconds"]!.GetValue<double>(), point["speedup"]!.GetValue<double>(), 9);
            }
        }

        var eca = pairs[0]!["sides"]!.AsArray();
        Assert.Equal(eca[1]!["parameters"]!["steps"]!.GetValue<string>(), eca[2]!["parameters"]!["steps"]!.GetValue<string>());
        Assert.Equal(eca[1]!["result"]!.ToJsonString(), eca[2]!["result"]!.ToJsonString());
        Assert.NotEqual(eca[0]!["result"]!.ToJsonString(), eca[1]!["result"]!.ToJsonString());
        // The shortcut's span is one jump per set bit of steps (≥ 64 here); the stepped rules' span is every row.
        var steps = long.Parse(eca[1]!["parameters"]!["steps"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(steps >= 64, $"steps = {steps}");
        Assert.True(
            eca[2]!["span"]!.GetValue<long>() * 10 < eca[1]!["span"]!.GetValue<long>(),
            $"shortcut span {eca[2]!["span"]} against stepwise {eca[1]!["span"]} at steps = {steps}");
        var s5 = pairs[1]!["sides"]!.AsArray();
        Assert.Equal(s5[0]!["result"]!.ToJsonString(), s5[1]!["result"]!.ToJsonString());
        Assert.Equal(s5[0]!["span"]!.GetValue<long>(), s5[0]!["work"]!.GetValue<long>());

        // Span against steps: Rule 110 stepped is one row of a strip per step (slope 1); Rule 90's jump is one row per set
        // bit of steps, at most ⌊log₂ steps⌋ + 1 (its slope over a few sizes depends on their bits: docs/PAPER.md fits 5).
        var spans = document["span"]!.AsArray();
        Assert.Equal(4, spans.Count);
        var row = eca[1]!["span"]!.GetValue<long>() / steps;
        foreach (var point in spans[0]!["points"]!.AsArray())
        {
            Assert.Equal(point!["size"]!.GetValue<double>() * row, point["spanUnits"]!.GetValue<long>());
        }

        Assert.True(spans[1]!["points"]!.AsArray().Count >= 2, spans[1]!.ToJsonString());
        foreach (var point in spans[1]!["points"]!.AsArray())
        {
            var size = (long)point!["size"]!.GetValue<double>();
            Assert.Equal(long.PopCount(size) * row, point["spanUnits"]!.GetValue<long>());
        }

        Assert.Equal(1.0, spans[0]!["slopes"]!["spanUnits"]!["slope"]!.GetValue<double>(), 9);
        Assert.Contains("contrast eca: rule 110, stepwise", stderr, StringComparison.Ordinal);
        Assert.StartsWith("| pair | side |", File.ReadAllText(markdown), StringComparison.Ordinal);
        HtmlCharts.AssertPngImages(File.ReadAllText(html), 3);
        HtmlProvenance.AssertHeader(File.ReadAllText(html), "contrast --pairs eca,s5");
    }

    [Trait("Category", "Cluster")]
    [Fact]
    public async Task ArithAndRefinePairsShowDepthAndRoundsAsTheirConstructionsGuarantee()
    {
        var (code, stdout, stderr) = await CliHarness.RunAsync("contrast", "--pairs", "arith,refine", "--seconds", "0.05", "--parallelism", "1,2", "--json");

        Assert.True(code == 0, stderr);
        var pairs = JsonNode.Parse(stdout)!["pairs"]!.AsArray();
        Assert.Equal(["arith", "refine"], pairs.Select(p => p!["id"]!.GetValue<string>()).ToArray());
        var arith = pairs[0]!["sides"]!.AsArray();
        // Equal gates; the high-degree side is deep (degree 2^depth) and the low-degree one 16 levels of degree 1.
        Assert.Equal(arith[0]!["work"]!.GetValue<long>(), arith[1]!["work"]!.GetValue<long>());
        var high = arith[0]!["result"]!;
        Assert.Equal((double)high["depth"]!.GetValue<int>(), high["degreeLog2"]!.GetValue<double>(), 3);
        Assert.Equal(16, arith[1]!["result"]!["depth"]!.GetValue<int>());
        Assert.Equal(0, arith[1]!["result"]!["degreeLog2"]!.GetValue<double>());
        var refine = pairs[1]!["sides"]!.AsArray();
        var length = int.Parse(refine[0]!["parameters"]!["length"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(length, refine[0]!["result"]!["roundsUsed"]!.GetValue<int>());
        Assert.Equal((int)Math.Ceiling(Math.Log2(length)), refine[1]!["result"]!["roundsUsed"]!.GetValue<int>());
        Assert.Equal(refine[0]!["result"]!["converged"]!.GetValue<bool>(), refine[1]!["result"]!["converged"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("--pairs", "eca,chess", "--pairs 'eca,chess': 'chess' is not a pair")]
    [InlineData("--parallelism", "2,4", "must include 1")]
    [InlineData("--seconds", "0", "--seconds 0 is out of range")]
    [InlineData("--span", "maybe", "--span 'maybe' is not a choice")]
    public async Task BadOptionsFailBeforeAnyJobRuns(string option, string value, string message)
    {
        var (code, _, stderr) = await CliHarness.RunAsync("contrast", option, value);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("starting an embedded cluster", stderr, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
