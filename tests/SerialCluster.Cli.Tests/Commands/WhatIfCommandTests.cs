using System.Text.Json.Nodes;

namespace SerialCluster.Cli.Tests.Commands;

/// <summary>whatif on a real saved run: it reproduces the run it was calibrated on and answers the hardware question per workload.</summary>
public sealed class WhatIfCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("whatif-test-").FullName;

    [Fact]
    public async Task ChainWantsFasterCoresAndItsOwnRunIsReproduced()
    {
        var run = await CliHarness.RunAsync("run", "hashchain", "--set", "steps=300000", "--parallelism", "2", "--json");
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

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
