using SerialCluster.Abstractions.Jobs;
using SerialCluster.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SerialCluster.Integration.Tests.Cluster;

/// <summary>Three silos as separate processes, joined through a real redis-server, driven by a client in this process.</summary>
[Trait("Category", "Integration")]
[Collection(ProcessCollection.Name)]
public sealed class MultiProcessClusterTests(ThreeSiloFixture fixture, ITestOutputHelper output) : IClassFixture<ThreeSiloFixture>
{
    private static readonly Dictionary<string, string> MonteCarlo = new() { ["samples"] = "24000000", ["tasks"] = "12", ["seed"] = "7" };

    [SkippableFact]
    public async Task ThreeSiloProcessesFormOneClusterAndAScatterJobUsesEveryOne()
    {
        var cluster = fixture.Cluster;
        var members = await cluster.WaitForActiveSilosAsync(ThreeSiloFixture.Names);
        output.WriteLine(
            $"3 silo processes active after {fixture.FormationTime.TotalSeconds:F1} s (pids {string.Join(", ", cluster.Silos.Select(s => s.Pid))})");
        Assert.Equal(3, members.Select(m => m.SiloAddress.Endpoint.Port).Distinct().Count());
        // Each process took its role from its own command line.
        var capacities = await cluster.ReadCapacitiesAsync(members);
        Assert.Equal(ThreeSiloFixture.Roles, ThreeSiloFixture.Names.Select(n => capacities[n].Role.ToString().ToLowerInvariant()));

        var scattered = await cluster.RunJobAsync("montecarlo", MonteCarlo, JobMode.Scatter, ThreeSiloFixture.Names.Length);
        var pinned = await cluster.RunJobAsync("montecarlo", MonteCarlo, JobMode.Pinned, 0);
        output.WriteLine(
            $"montecarlo 24M samples: scatter {scattered.Profile!.WallSeconds:F3} s over {Describe(scattered.Profile.Silos)}; pinned " +
            $"{pinned.Profile!.WallSeconds:F3} s on {pinned.Profile.SerialSilo}");

        // Role parallel takes tasks like any: every process gets some.
        Assert.Equal(ThreeSiloFixture.Names, scattered.Profile.Silos.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(12, scattered.Profile.Silos.Values.Sum());
        // The same answer whichever processes computed it.
        Assert.Equal(pinned.ResultJson, scattered.ResultJson);
    }

    [SkippableFact]
    public async Task TheSiloWithTheHighestScoreGetsTheChain()
    {
        var cluster = fixture.Cluster;
        var members = await cluster.WaitForActiveSilosAsync(ThreeSiloFixture.Names);
        var capacities = await Calibrations.WaitForAllAsync(cluster, members);
        foreach (var (name, capacity) in capacities.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{name}: single-thread score {capacity.Calibration!.SingleThreadScore:N0} (overridden: {capacity.Calibration.Overridden})");
        }

        Assert.All(
            ThreeSiloFixture.Names.Select((name, i) => (name, i)),
            s => Assert.Equal(ThreeSiloFixture.Scores[s.i], capacities[s.name].Calibration!.SingleThreadScore));
        for (var run = 0; run < 3; run++)
        {
            var chain = await cluster.RunJobAsync("hashchain", new() { ["steps"] = "200000" }, JobMode.Scatter, 3);
            output.WriteLine($"hashchain 200k steps (scatter): {chain.Profile!.WallSeconds:F3} s, chain on {chain.Profile.SerialSilo}");
            Assert.Equal(ThreeSiloFixture.TopScoringSilo, chain.Profile.SerialSilo);
            Assert.Equal([ThreeSiloFixture.TopScoringSilo], chain.Profile.Silos.Keys);
        }

        var pinned = await cluster.RunJobAsync("montecarlo", MonteCarlo, JobMode.Pinned, 0);
        Assert.Equal(ThreeSiloFixture.TopScoringSilo, pinned.Profile!.SerialSilo);
    }

    [SkippableFact]
    public async Task FinishedJobsAreStoredInRedis()
    {
        var cluster = fixture.Cluster;
        await cluster.WaitForActiveSilosAsync(ThreeSiloFixture.Names);
        var job = await cluster.RunJobAsync("hashchain", new() { ["steps"] = "1000" }, JobMode.Pinned, 0);
        Assert.Equal(JobState.Completed, job.State);

        // Read Redis directly, not through Orleans: the job's record and the list of its chains are there under keys naming
        // the job; the chain's checkpoint is not (it is deleted once the chain's stage is stored).
        using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(cluster.Redis.ConnectionString);
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var keys = server.Keys(pattern: $"*{job.JobId}*").Select(k => k.ToString()).Order(StringComparer.Ordinal).ToList();
        output.WriteLine($"redis keys for {job.JobId}: {string.Join(", ", keys)}");
        Assert.Collection(
            keys,
            record => Assert.EndsWith($"/job/{job.JobId}/job", record, StringComparison.Ordinal),
            chains => Assert.EndsWith($"/sc-chain-index/{job.JobId}/chains", chains, StringComparison.Ordinal));
        foreach (var key in keys)
        {
            Assert.NotEqual(StackExchange.Redis.RedisType.None, await redis.GetDatabase().KeyTypeAsync(key));
        }
    }

    private static string Describe(Dictionary<string, int> silos) =>
        string.Join(", ", silos.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}×{s.Value}"));
}
