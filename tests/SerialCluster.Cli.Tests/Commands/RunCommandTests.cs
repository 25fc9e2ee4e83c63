using System.Text.Json.Nodes;

namespace SerialCluster.Cli.Tests.Commands;

/// <summary>End to end: the CLI starts its embedded cluster, runs the job through a real gateway, prints one JSON document.</summary>
[Trait("Category", "Cluster")]
public sealed class RunCommandTests
{
    [Fact]
    public async Task HashChainOneStepJsonHasTheDigestAndTheDocumentedShape()
    {
        var (code, stdout, stderr) = await CliHarness.RunAsync("run", "hashchain", "--set", "seed=616263", "--set", "steps=1", "--json");
        Assert.True(code == 0, stderr);
        var document = JsonNode.Parse(stdout)!.AsObject(); // exactly one JSON document: Parse fails on trailing text
        Assert.Equal(
            ["jobId", "workload", "parameters", "mode", "parallelism", "result", "profile", "load"],
            document.Select(p => p.Key).ToArray());
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", document["result"]!["digest"]!.GetValue<string>());
        Assert.Equal("hashchain", document["workload"]!.GetValue<string>());
        Assert.Equal("scatter", document["mode"]!.GetValue<string>());
        Assert.Equal("1", document["parameters"]!["steps"]!.GetValue<string>());
        var profile = document["profile"]!.AsObject();
        foreach (var field in new[]
        {
            "wallSeconds", "buildSeconds", "workSeconds", "spanSeconds", "parallelism", "overheadSeconds", "tasks", "stages", "silos", "serialSilo", "work",
            "span",
        })
        {
            Assert.True(profile.ContainsKey(field), $"profile lacks {field}");
        }

        Assert.Equal(1, profile["work"]!.GetValue<long>());
        // The cost model's raw and corrected predictions (corrected: null with no earlier run of this plan), and which ran.
        foreach (var field in new[] { "predictions", "chosenMode", "predictedSeconds", "correctedPredictedSeconds", "choiceReason" })
        {
            Assert.True(profile.ContainsKey(field), $"profile lacks {field}");
        }

        var predictions = profile["predictions"]!.AsArray();
        Assert.All(predictions, p => Assert.Equal(
            ["mode", "predictedSeconds", "parameters", "correctedSeconds", "measuredRuns", "ran", "measuredSeconds"], p!.AsObject().Select(f =>
                f.Key).ToArray()));
        Assert.Single(predictions, p => p!["ran"]!.GetValue<bool>());
        Assert.Contains("running hashchain", stderr, StringComparison.Ordinal); // human text went to stderr
    }

    [Fact]
    public async Task MonteCarloGivesTheSameInsideCountPinnedAndScattered()
    {
        var pinned = await CliHarness.RunAsync(
            "run", "montecarlo", "--set", "samples=2000000", "--set", "seed=7", "--set", "tasks=5", "--mode", "pinned", "--json", "--silos", "3");
        var scattered = await CliHarness.RunAsync(
            "run", "montecarlo", "--set", "samples=2000000", "--set", "seed=7", "--set", "tasks=16", "--mode", "scatter", "--json", "--silos", "3");
        Assert.True(pinned.Code == 0, pinned.Stderr);
        Assert.True(scattered.Code == 0, scattered.Stderr);
        var a = JsonNode.Parse(pinned.Stdout)!;
        var b = JsonNode.Parse(scattered.Stdout)!;
        // 1,572,078 from an independent Python implementation of the definition.
        Assert.Equal(1_572_078, a["result"]!["inside"]!.GetValue<long>());
        Assert.Equal(1_572_078, b["result"]!["inside"]!.GetValue<long>());
        Assert.Single(a["profile"]!["silos"]!.AsObject());
        Assert.Equal(3, b["profile"]!["silos"]!.AsObject().Count);
    }

    [Fact]
    public async Task HumanOutputShowsResultAndProfile()
    {
        var (code, stdout, stderr) = await CliHarness.RunAsync("run", "hashchain", "--set", "steps=1000", "--silos", "1");
        Assert.True(code == 0, stderr);
        Assert.Contains("fc8a6b86a13f71cd9a67f558ab6fd82a3dd89186163a017ed8051acf6d3f8f99", stdout, StringComparison.Ordinal);
        Assert.Contains("parallelism", stdout, StringComparison.Ordinal);
        Assert.Contains("serial silo", stdout, StringComparison.Ordinal);
        Assert.Contains("build", stdout, StringComparison.Ordinal);
        Assert.Contains("hashchain: 100.0% (1,000 of 1,000 SHA-256 steps)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScatteredCvpJsonReportsItsPlanBuildApartFromTaskWork()
    {
        var (code, stdout, stderr) = await CliHarness.RunAsync(
            "run", "cvp", "--set", "layers=8", "--set", "width=16384", "--set", "tasks=4", "--mode", "scatter", "--parallelism", "2", "--json", "--silos", "2");
        Assert.True(code == 0, stderr);
        var profile = JsonNode.Parse(stdout)!["profile"]!.AsObject();
        // The gather tables are built during a scattered job, and reported as build, apart from the tasks' work.
        Assert.True(profile["buildSeconds"]!.GetValue<double>() > 0, profile.ToJsonString());
        Assert.True(profile["workSeconds"]!.GetValue<double>() > 0, profile.ToJsonString());
        Assert.True(profile["stageProfiles"]!.AsArray().All(s => s!["buildSeconds"]!.GetValue<double>() >= 0));
    }

    [Fact]
    public async Task VerboseEndsWithTheCommandsTimelinePhaseByPhase()
    {
        var (code, _, stderr) = await CliHarness.RunAsync("run", "hashchain", "--set", "steps=1000", "--embedded", "--verbose");
        Assert.True(code == 0, stderr);
        var timeline = stderr[stderr.IndexOf("timeline of this command", StringComparison.Ordinal)..].Split('\n').Skip(1)
            .Where(l => l.Contains(" ms  (+", StringComparison.Ordinal)).ToList();
        string[] phases =
        [
            "the runtime started, the command began", "the command line parsed", "parameters checked", "no local cluster found", "silo-0 started",
            "silo-1 started", "the first silo's own client taken", "every silo calibrated", "the job path warmed", "the job submitted and accepted",
            "the job followed to its end", "the result printed",
        ];
        var at = phases.Select(p => timeline.FindIndex(l => l.Contains(p, StringComparison.Ordinal))).ToList();
        Assert.True(at.All(i => i >= 0), $"a phase is missing:\n{string.Join('\n', timeline)}");
        Assert.Equal(at.Order(), at);
        var ends = timeline.Select(l => double.Parse(l.Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ends.Order(), ends);
    }
}
