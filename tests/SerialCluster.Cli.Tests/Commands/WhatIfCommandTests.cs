using System.Text.Json.Nodes;
using SerialCluster.Analysis.Schedule;
using SerialCluster.Cli.Commands;
using SerialCluster.Cli.Reports;

namespace SerialCluster.Cli.Tests.Commands;

/// <summary>whatif on a real saved run: it reproduces the run it was calibrated on and answers the hardware question per workload.</summary>
public sealed class WhatIfCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("whatif-test-").FullName;

    [Trait("Category", "Cluster")]
    [Fact]
    public async Task ChainWantsFasterCoresAndItsOwnRunIsReproduced()
    {
        var run = await CliHarness.RunAsync("run", "hashchain", "--set", "steps=3000000", "--parallelism", "2", "--json");
        Assert.True(run.Code == 0, run.Stderr);
        var saved = Path.Combine(_folder, "run.json");
        await File.WriteAllTextAsync(saved, run.Stdout);

        var (code, stdout, stderr) = await CliHarness.RunAsync("whatif", "--from", saved, "--cores", "1,2,8", "--speed", "1", "--speed", "2", "--json");

        Assert.True(code == 0, stderr);
        var document = JsonNode.Parse(stdout)!;
        Assert.Equal(6, document["scenarios"]!.AsArray().Count);
        var wall = JsonNode.Parse(run.Stdout)!["profile"]!["wallSeconds"]!.GetValue<double>();
        var own = Assert.Single(document["checks"]!.AsArray())!;
        Assert.Equal(wall, own["predictedSeconds"]!.GetValue<double>(), wall * 1e-6);
        Assert.Equal("faster cores", document["answer"]!["choice"]!.GetValue<string>());
        var atOne = document["scenarios"]!.AsArray().Single(s => s!["cores"]!.GetValue<int>() == 1 && s["speed"]!.GetValue<double>() == 1)!;
        var atEight = document["scenarios"]!.AsArray().Single(s => s!["cores"]!.GetValue<int>() == 8 && s["speed"]!.GetValue<double>() == 1)!;
        Assert.Equal(atOne["predictedSeconds"]!.GetValue<double>(), atEight["predictedSeconds"]!.GetValue<double>(), 9);
        Assert.NotEmpty(document["assumptions"]!.AsArray());
        // Every scenario's absolute speedup divides the best single-core time of these parameters: the cost model's pinned
        // prediction here (this run was scattered and the parameters never ran pinned in this cluster).
        var serial = document["serial"]!["seconds"]!.GetValue<double>();
        Assert.Contains("pinned prediction", document["serial"]!["source"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(serial / atEight["predictedSeconds"]!.GetValue<double>(), atEight["speedupOverSerial"]!.GetValue<double>(), 9);
    }

    [Theory]
    [InlineData("--cores", "0", "--cores '0' is not a core count")]
    [InlineData("--speed", "-1", "--speed '-1' is not a speed factor")]
    public async Task BadScenariosAreRefusedByName(string option, string value, string message)
    {
        var (code, _, stderr) = await CliHarness.RunAsync("whatif", "--from", "x.json", option, value);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Trait("Category", "Cluster")]
    [Fact]
    public async Task ASlowerScenarioIsSaidToBeSlowerNotAFractionFaster()
    {
        var run = await CliHarness.RunAsync(
            "run", "amdahl", "--set", "serialFraction=0", "--set", "work=400000", "--set", "tasks=8", "--parallelism", "1", "--json");
        Assert.True(run.Code == 0, run.Stderr);
        var saved = Path.Combine(_folder, "slower.json");
        await File.WriteAllTextAsync(saved, run.Stdout);

        var (code, stdout, stderr) = await CliHarness.RunAsync("whatif", "--from", saved, "--cores", "1", "--speed", "0.5,2");

        Assert.True(code == 0, stderr);
        Assert.Matches(@"│\s+\d\.\d\d× slower │", stdout);
        Assert.Matches(@"│\s+\d\.\d\d× faster │", stdout);
        Assert.DoesNotMatch(@"0\.\d\d× faster", stdout);
    }

    [Trait("Category", "Cluster")]
    [Fact]
    public async Task CoreSpeedsAddOneScenarioOfCoresOfDifferentSpeeds()
    {
        var run = await CliHarness.RunAsync(
            "run", "amdahl", "--set", "serialFraction=0", "--set", "work=400000", "--set", "tasks=8", "--parallelism", "1", "--json");
        Assert.True(run.Code == 0, run.Stderr);
        var saved = Path.Combine(_folder, "run.json");
        await File.WriteAllTextAsync(saved, run.Stdout);

        var (code, stdout, stderr) = await CliHarness.RunAsync("whatif", "--from", saved, "--cores", "1,2", "--speed", "1", "--core-speeds", "0.5,1", "--json");

        Assert.True(code == 0, stderr);
        var scenarios = JsonNode.Parse(stdout)!["scenarios"]!.AsArray();
        Assert.Equal(3, scenarios.Count);
        var mixed = scenarios[2]!;
        Assert.Equal(new[] { 1.0, 0.5 }, mixed["coreSpeeds"]!.AsArray().Select(s => s!.GetValue<double>()));
        Assert.Equal(2, mixed["cores"]!.GetValue<int>());
        Assert.Equal(1.0, mixed["speed"]!.GetValue<double>());
        Assert.All(scenarios.Take(2), s => Assert.Null(s!["coreSpeeds"]));

        // The command's number is the simulator's on the model of the saved run, exactly.
        var job = JobSource.FromRunDocument(JsonNode.Parse(run.Stdout)!.AsObject(), saved);
        var expected = ProfileMapping.Model(job.Profile, 1).Predict(MachineScenario.Heterogeneous([1, 0.5]));
        Assert.Equal(expected, mixed["predictedSeconds"]!.GetValue<double>());
        // Between one core and two full-speed ones: the half-speed core helps, less than a full one.
        var one = scenarios[0]!["predictedSeconds"]!.GetValue<double>();
        var two = scenarios[1]!["predictedSeconds"]!.GetValue<double>();
        Assert.InRange(mixed["predictedSeconds"]!.GetValue<double>(), two, one);

        var terminal = await CliHarness.RunAsync("whatif", "--from", saved, "--core-speeds", "1,0.5");
        Assert.True(terminal.Code == 0, terminal.Stderr);
        Assert.Contains("1×, 0.5×", terminal.Stdout, StringComparison.Ordinal);
        Assert.Contains("cores of different speeds (--core-speeds): each task goes to the core that frees first", terminal.Stdout, StringComparison.Ordinal);
    }

    [Trait("Category", "Cluster")]
    [Fact]
    public async Task IdenticalCoreSpeedsPredictWhatTheSameCoresDo()
    {
        var run = await CliHarness.RunAsync(
            "run", "amdahl", "--set", "serialFraction=0.25", "--set", "work=400000", "--set", "tasks=8", "--parallelism", "2", "--json");
        Assert.True(run.Code == 0, run.Stderr);
        var saved = Path.Combine(_folder, "run.json");
        await File.WriteAllTextAsync(saved, run.Stdout);

        var (code, stdout, stderr) = await CliHarness.RunAsync("whatif", "--from", saved, "--cores", "3", "--speed", "2", "--core-speeds", "2,2,2", "--json");

        Assert.True(code == 0, stderr);
        var scenarios = JsonNode.Parse(stdout)!["scenarios"]!.AsArray();
        Assert.Equal(scenarios[0]!["predictedSeconds"]!.GetValue<double>(), scenarios[1]!["predictedSeconds"]!.GetValue<double>());
    }

    [Theory]
    [InlineData("0", "--core-speeds '0' has '0', not a speed factor; allowed: each a number above 0 and at most 1000")]
    [InlineData("1,abc", "--core-speeds '1,abc' has 'abc', not a speed factor")]
    [InlineData("1,1001", "--core-speeds '1,1001' has '1001', not a speed factor")]
    [InlineData("1,-0.5", "--core-speeds '1,-0.5' has '-0.5', not a speed factor")]
    [InlineData("1,NaN", "--core-speeds '1,NaN' has 'NaN', not a speed factor")]
    [InlineData(",", "--core-speeds ',' lists no core")]
    public async Task BadCoreSpeedsAreRefusedByName(string value, string message)
    {
        var (code, _, stderr) = await CliHarness.RunAsync("whatif", "--from", "x.json", "--core-speeds", value);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MoreCoreSpeedsThanMaxCoresAreRefused()
    {
        var value = string.Join(',', Enumerable.Repeat("1", WhatIfSettings.MaxCores + 1));

        var (code, _, stderr) = await CliHarness.RunAsync("whatif", "--from", "x.json", "--core-speeds", value);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(
            $"--core-speeds lists {WhatIfSettings.MaxCores + 1} cores; allowed: at most {WhatIfSettings.MaxCores}",
            stderr,
            StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
