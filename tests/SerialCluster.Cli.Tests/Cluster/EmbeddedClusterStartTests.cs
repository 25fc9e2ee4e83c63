using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Cli.Cluster;
using SerialCluster.Cli.Jobs;
using SerialCluster.Grains.Calibration;

namespace SerialCluster.Cli.Tests.Cluster;

/// <summary>
/// What an embedded cluster does before its first job: it takes a recent calibration of this machine from the cache
/// instead of measuring again, and it runs the job path once with warm-up jobs that leave nothing behind.
/// </summary>
public sealed class EmbeddedClusterStartTests : IDisposable
{
    private readonly string _cache = Path.Combine(Path.GetTempPath(), $"serialcluster-cache-tests-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_cache))
        {
            Directory.Delete(_cache, recursive: true);
        }
    }

    [Fact]
    public async Task ASecondStartPublishesTheFirstStartsMeasurementFromTheCache()
    {
        var layout = new EmbeddedClusterLayout(2) { CalibrationCacheDirectory = _cache };
        IReadOnlyList<SurveyedSilo> first;
        await using (var connection = await ClusterConnection.OpenEmbeddedAsync(layout, verbose: false, _ => { }, CancellationToken.None))
        {
            first = (await ClusterSurvey.ReadAsync(connection.Client, CancellationToken.None)).Silos;
        }

        // The first silo to take its turn measures; the other, on the same CPUs, takes that measurement from the cache.
        var measured = Assert.Single(first, s => !s.Capacity!.Calibration!.Cached).Capacity!.Calibration!;
        Assert.True(File.Exists(Path.Combine(_cache, CalibrationCache.FileName)), "the first start kept no calibration");

        await using var again = await ClusterConnection.OpenEmbeddedAsync(layout, verbose: false, _ => { }, CancellationToken.None);
        var second = (await ClusterSurvey.ReadAsync(again.Client, CancellationToken.None)).Silos;
        Assert.Equal(2, second.Count);
        foreach (var silo in second)
        {
            var calibration = silo.Capacity!.Calibration!;
            Assert.True(calibration.Cached, $"{silo.Name} measured again instead of taking the kept calibration");
            Assert.Equal(measured.MeasuredAt, calibration.MeasuredAt);
            Assert.Equal(measured.SingleThreadScore, calibration.SingleThreadScore);
            Assert.Equal(measured.AllCoreScore, calibration.AllCoreScore);
        }
    }

    [Fact]
    public async Task WithoutACacheDirectoryEveryStartMeasures()
    {
        var layout = new EmbeddedClusterLayout(1) { CalibrationCacheDirectory = null };
        await using var connection = await ClusterConnection.OpenEmbeddedAsync(layout, verbose: false, _ => { }, CancellationToken.None);
        var silo = Assert.Single((await ClusterSurvey.ReadAsync(connection.Client, CancellationToken.None)).Silos);
        Assert.False(silo.Capacity!.Calibration!.Cached);
        Assert.True(silo.Capacity.Calibration.MeasurementSeconds > 0);
    }

    [Fact]
    public async Task TheWarmUpJobsLeaveNoJobBehindAndTheFirstJobRunsOnAWarmPath()
    {
        var layout = new EmbeddedClusterLayout(2) { CalibrationCacheDirectory = _cache };
        await using var connection = await ClusterConnection.OpenEmbeddedAsync(layout, verbose: false, _ => { }, CancellationToken.None);
        var registry = connection.Client.GetGrain<IJobRegistryGrain>(IJobRegistryGrain.Key);
        Assert.Empty(await registry.ListAsync());

        // Warm-up jobs of a running cluster complete and are deleted; the runner says nothing went wrong.
        Assert.Empty(await JobPathWarmup.RunAsync(connection.Client, CancellationToken.None));
        Assert.Empty(await registry.ListAsync());

        var spec = new JobSpec("hashchain", new Dictionary<string, string> { ["steps"] = "1000" }, JobMode.Scatter, 2);
        var status = await new JobRunner(connection.Client).RunAsync(spec, static (_, _, _) => { }, CancellationToken.None);
        Assert.Equal(JobState.Completed, status.State);
        Assert.Equal(status.JobId, Assert.Single(await registry.ListAsync()).JobId);
    }
}
