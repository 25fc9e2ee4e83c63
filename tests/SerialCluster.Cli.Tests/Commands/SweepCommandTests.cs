using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SerialCluster.Cli.Tests.Reports;

namespace SerialCluster.Cli.Tests.Commands;

/// <summary>End to end on the embedded cluster: a short sweep's JSON, CSV and HTML parse and carry what they promise.</summary>
public sealed class SweepCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sweep-test-").FullName;

    [Trait("Category", "Cluster")]
    [Fact]
    public async Task SweepWritesParsableJsonCsvAndHtmlWithChartsAndStatesSaturation()
    {
        var beyond = (2 * Environment.ProcessorCount).ToString(CultureInfo.InvariantCulture);
        var csv = Path.Combine(_folder, "sweep.csv");
        var html = Path.Combine(_folder, "sweep.html");

        var (code, stdout, stderr) = await CliHarness.RunAsync(
            "sweep", "montecarlo", "--set", "samples=400000", "--set", "tasks=8", "--parallelism", $"1,2,{beyond}", "--repeat", "2", "--warmup", "1",
            "--csv", csv, "--html", html, "--json");

        Assert.True(code == 0, stderr);
        var document = JsonNode.Parse(stdout)!.AsObject();
        Assert.Equal(Environment.ProcessorCount, document["cores"]!.GetValue<int>());
        Assert.Equal(6, document["runs"]!.AsArray().Count);
        var points = document["points"]!.AsArray();
        Assert.Equal([1, 2, int.Parse(beyond, CultureInfo.InvariantCulture)], points.Select(p => p!["p"]!.GetValue<int>()).ToArray());
        // Speedup is absolute (against the pinned run of every round); the relative T(1)/T(P) stands beside it.
        Assert.Equal("absolute", document["speedupBaseline"]!.GetValue<string>());
        Assert.Equal("pinned", document["serialBaseline"]!["mode"]!.GetValue<string>());
        Assert.Equal(2, document["serialBaseline"]!["runs"]!.AsArray().Count);
        var serial = document["serialBaseline"]!["medianSeconds"]!.GetValue<double>();
        Assert.Equal(serial, document["baselineSeconds"]!.GetValue<double>());
        Assert.Equal(1.0, points[0]!["relativeSpeedup"]!.GetValue<double>());
        foreach (var point in points)
        {
            Assert.Equal(serial / point!["seconds"]!.GetValue<double>(), point["speedup"]!.GetValue<double>(), 12);
            Assert.Equal(points[0]!["seconds"]!.GetValue<double>() / point["seconds"]!.GetValue<double>(), point["relativeSpeedup"]!.GetValue<double>(), 12);
        }

        Assert.Equal("absolute", document["fits"]!["amdahl"]!["baseline"]!.GetValue<string>());
        Assert.NotNull(document["fits"]!["amdahlRelative"]);
        Assert.Contains("pinned (serial baseline)", stderr, StringComparison.Ordinal);
        // Before any round, every silo coordinated the job once at the highest P (unmeasured).
        var warmed = Regex.Match(stderr, @"warm-up: each of the (\d+) silos coordinated the job once at P = (\d+) \(not measured\)");
        Assert.True(warmed.Success, stderr);
        Assert.Equal(beyond, warmed.Groups[2].Value);
        for (var silo = 0; silo < int.Parse(warmed.Groups[1].Value, CultureInfo.InvariantCulture); silo++)
        {
            Assert.Contains($"warm-up on silo-{silo}: montecarlo (scatter, P={beyond})", stderr, StringComparison.Ordinal);
        }

        Assert.False(string.IsNullOrEmpty(document["verdict"]!.GetValue<string>()));
        Assert.True(points[2]!["saturated"]!.GetValue<bool>());
        Assert.Contains("saturation", document["saturation"]!.GetValue<string>(), StringComparison.Ordinal);
        // Amdahl sees only P ≤ the cores (here 1 and 2); the USL every point, so with three distinct P it fits κ too.
        Assert.NotNull(document["fits"]!["amdahl"]);
        Assert.True(document["fits"]!["usl"]!["kappaFitted"]!.GetValue<bool>());
        Assert.InRange(document["fits"]!["amdahl"]!["serialFraction"]!.GetValue<double>(), 0, 1);
        // The capacity control ran beside each repeat at P = 1 and 2 (within the cores), not at the saturated P.
        Assert.Equal(4, document["capacityControl"]!["runs"]!.AsArray().Count);
        Assert.True(document["capacityControl"]!["chunkSteps"]!.GetValue<long>() > 0);
        Assert.Equal(1.0, points[0]!["capacity"]!.GetValue<double>());
        Assert.True(points[1]!["capacity"]!.GetValue<double>() > 0);
        Assert.Null(points[2]!["capacity"]);
        Assert.InRange(document["fits"]!["amdahlOnMeasuredCores"]!["serialFraction"]!.GetValue<double>(), 0, 1);
        // The paired fit: one point per round (P = 2 against that round's P = 1 and control).
        Assert.InRange(document["fits"]!["amdahlPaired"]!["serialFraction"]!.GetValue<double>(), 0, 1);
        Assert.Equal(2, document["fits"]!["amdahlPaired"]!["points"]!.GetValue<int>());
        Assert.Contains("sweep montecarlo: capacity control P=2 repeat 2", stderr, StringComparison.Ordinal);
        Assert.True(document["workSpan"]!["workSeconds"]!.GetValue<double>() > 0);
        Assert.Equal("montecarlo", document["baseline"]!["workload"]!.GetValue<string>());
        Assert.Contains("sweep montecarlo: run 6/6", stderr, StringComparison.Ordinal);
        Assert.Contains("published the sweep's figures to the last-job gauges on silo-", stderr, StringComparison.Ordinal);

        var lines = File.ReadAllLines(csv);
        Assert.StartsWith("p,seconds,speedup,efficiency,karpFlatt,", lines[0], StringComparison.Ordinal);
        Assert.EndsWith(",capacity,amdahlOnMeasuredCoresSpeedup,amdahlPairedSpeedup,relativeSpeedup", lines[0], StringComparison.Ordinal);
        Assert.Equal(4, lines.Length);
        var header = lines[0].Split(',');
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            Assert.Equal(header.Length, cells.Length);
            Assert.True(double.Parse(cells[1], CultureInfo.InvariantCulture) > 0);
        }

        HtmlCharts.AssertPngImages(File.ReadAllText(html), 2);
        HtmlProvenance.AssertHeader(File.ReadAllText(html), "sweep montecarlo --set samples=400000");
        Assert.True(document["load"]!["cores"]!.GetValue<int>() > 0);
    }

    [Trait("Category", "Cluster")]
    [Fact]
    public async Task WithTheCapacityControlOffOnlyThePlainFitIsMade()
    {
        var (code, stdout, stderr) = await CliHarness.RunAsync(
            "sweep", "montecarlo", "--set", "samples=20000", "--set", "tasks=4", "--parallelism", "1,2", "--repeat", "1", "--warmup", "0",
            "--capacity-control", "off", "--json");

        Assert.True(code == 0, stderr);
        var document = JsonNode.Parse(stdout)!.AsObject();
        Assert.Null(document["capacityControl"]);
        Assert.Null(document["fits"]!["amdahlOnMeasuredCores"]);
        Assert.Null(document["fits"]!["amdahlPaired"]);
        Assert.NotNull(document["fits"]!["amdahl"]);
        Assert.Null(document["points"]![1]!["capacity"]);
        Assert.DoesNotContain("capacity control", stderr, StringComparison.Ordinal);
    }

    [Trait("Category", "Cluster")]
    [Fact]
    public async Task APinnedSweepIsItsOwnBaselineAndWithoutABaselineSpeedupIsRelative()
    {
        var (code, stdout, stderr) = await CliHarness.RunAsync(
            "sweep", "hashchain", "--set", "steps=20000", "--parallelism", "1,2", "--repeat", "1", "--warmup", "0",
            "--capacity-control", "off", "--mode", "pinned", "--json");
        Assert.True(code == 0, stderr);
        var pinned = JsonNode.Parse(stdout)!.AsObject();
        Assert.Equal("absolute", pinned["speedupBaseline"]!.GetValue<string>());
        Assert.Equal(pinned["points"]![0]!["seconds"]!.GetValue<double>(), pinned["baselineSeconds"]!.GetValue<double>());
        Assert.DoesNotContain("pinned (serial baseline)", stderr, StringComparison.Ordinal);

        (code, stdout, stderr) = await CliHarness.RunAsync(
            "sweep", "hashchain", "--set", "steps=20000", "--parallelism", "1,2", "--repeat", "1", "--warmup", "0",
            "--capacity-control", "off", "--baseline", "none", "--json");
        Assert.True(code == 0, stderr);
        var relative = JsonNode.Parse(stdout)!.AsObject();
        Assert.Equal("relative", relative["speedupBaseline"]!.GetValue<string>());
        Assert.Null(relative["serialBaseline"]);
        Assert.Equal(1.0, relative["points"]![0]!["speedup"]!.GetValue<double>());
    }

    [Trait("Category", "Cluster")]
    [Fact]
    public async Task ASizeSweepFitsTheSpanSlopeOfAChainAndOfATree()
    {
        var (code, stdout, stderr) = await CliHarness.RunAsync(
            "sweep", "s5", "--set", "method=fold", "--size", "length=1e5,1e6,1e7", "--repeat", "1", "--warmup", "1", "--json");
        Assert.True(code == 0, stderr);
        // Overall progress on each line: 3 sizes × (1 warm-up + 1 run).
        Assert.Contains("[1/6, ~", stderr, StringComparison.Ordinal);
        Assert.Contains("[6/6, ~0 s left] sweep s5: length=10000000", stderr, StringComparison.Ordinal);
        var fold = JsonNode.Parse(stdout)!;
        Assert.Equal([100_000L, 1_000_000L, 10_000_000L], fold["points"]!.AsArray().Select(p => p!["spanUnits"]!.GetValue<long>()).ToArray());
        Assert.Equal(1.0, fold["slopes"]!["spanUnits"]!["slope"]!.GetValue<double>(), 9);
        Assert.True(fold["slopes"]!["spanSeconds"]!["slope"]!.GetValue<double>() > 0.5, stdout);

        (code, stdout, stderr) = await CliHarness.RunAsync(
            "sweep", "s5", "--set", "method=tree", "--size", "length=1e4,1e5,1e6", "--size", "tasks=10,100,1000", "--repeat", "1", "--warmup", "0", "--json");
        Assert.True(code == 0, stderr);
        var tree = JsonNode.Parse(stdout)!;
        Assert.InRange(tree["slopes"]!["spanUnits"]!["slope"]!.GetValue<double>(), -0.1, 0.2);
        Assert.Equal(1.0, tree["slopes"]!["workUnits"]!["slope"]!.GetValue<double>(), 2);
        Assert.Equal("1000", tree["points"]![2]!["sizes"]!["tasks"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("--size", "steps=1000", "give two or more values")]
    [InlineData("--size", "steps", "is not NAME=V1,V2")]
    public async Task BadSizesFailBeforeAnyJobRuns(string option, string value, string message)
    {
        var (code, _, stderr) = await CliHarness.RunAsync("sweep", "hashchain", option, value);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASizeTheWorkloadRefusesIsNamedBeforeAnyJobRuns()
    {
        var (code, _, stderr) = await CliHarness.RunAsync("sweep", "hashchain", "--size", "steps=10,0");

        Assert.Equal(ExitCodes.ParameterOutOfRange, code);
        Assert.Contains("'steps' = '0'", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("starting an embedded cluster", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--capacity-control", "maybe", "--capacity-control 'maybe' is not a choice; allowed: on, off")]
    [InlineData("--parallelism", "2,4", "must include 1")]
    [InlineData("--parallelism", "1,x", "'x' is not a parallelism")]
    [InlineData("--mode", "fast", "--mode 'fast' is not a mode; allowed: scatter, auto, pinned")]
    [InlineData("--baseline", "maybe", "--baseline 'maybe' is not a choice; allowed: pinned, none")]
    [InlineData("--repeat", "0", "--repeat 0 is out of range")]
    [InlineData("--csv", "/nonexistent-folder/x.csv", "does not exist")]
    public async Task BadOptionsFailBeforeAnyJobRuns(string option, string value, string message)
    {
        var (code, _, stderr) = await CliHarness.RunAsync("sweep", "montecarlo", option, value);

        // An output file that cannot be written has its own code (8), found before any work like the usage errors (2).
        Assert.Equal(option == "--csv" ? ExitCodes.BadInput : ExitCodes.Usage, code);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("starting an embedded cluster", stderr, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
