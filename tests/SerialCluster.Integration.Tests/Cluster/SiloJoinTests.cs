using System.Diagnostics;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SerialCluster.Integration.Tests.Cluster;

/// <summary>A silo process started while the cluster runs joins through Redis and takes work from the next job.</summary>
[Trait("Category", "Integration")]
[Collection(ProcessCollection.Name)]
public sealed class SiloJoinTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> MonteCarlo = new() { ["samples"] = "12000000", ["tasks"] = "12", ["seed"] = "11" };

    [SkippableFact]
    public async Task ASiloThatJoinsIsUsedByTheNextJob()
    {
        await using var cluster = await ProcessCluster.CreateAsync();
        await cluster.StartSilosAsync(new SiloSpec("silo-0"), new SiloSpec("silo-1"));
        await cluster.ConnectAsync();
        await cluster.WaitForActiveSilosAsync("silo-0", "silo-1");
        var before = await cluster.RunJobAsync("montecarlo", MonteCarlo, JobMode.Scatter, 3);
        Assert.Equal(["silo-0", "silo-1"], before.Profile!.Silos.Keys.Order(StringComparer.Ordinal));

        var clock = Stopwatch.StartNew();
        await cluster.StartSilosAsync(new SiloSpec("silo-2"));
        var started = clock.Elapsed;
        await cluster.WaitForActiveSilosAsync("silo-0", "silo-1", "silo-2");
        output.WriteLine($"silo-2 active {started.TotalSeconds:F1} s after its process started; in the membership {clock.Elapsed.TotalSeconds:F1} s after");

        var after = await cluster.RunJobAsync("montecarlo", MonteCarlo, JobMode.Scatter, 3);
        output.WriteLine(
            $"before: {before.Profile.WallSeconds:F3} s over {string.Join(", ", before.Profile.Silos)}; after: {after.Profile!.WallSeconds:F3} s over " +
            $"{string.Join(", ", after.Profile.Silos)}");
        Assert.Contains("silo-2", after.Profile.Silos.Keys);
        Assert.Equal(before.ResultJson, after.ResultJson);
    }
}
