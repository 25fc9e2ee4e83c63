using System.Diagnostics;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;

namespace SerialCluster.Grains.Tests.Reliability;

/// <summary>Finished jobs past the configured retention are deleted with their results by the job keepers.</summary>
[Trait("Category", "Cluster")]
public sealed class RetentionTests(RetentionClusterFixture fixture) : IClassFixture<RetentionClusterFixture>
{
    [Fact]
    public async Task AFinishedJobPastItsRetentionIsDeletedAndUnlisted()
    {
        var id = "t-retention-" + Guid.NewGuid().ToString("N")[..8];
        var job = fixture.Client.GetGrain<IJobGrain>(id);
        await job.SubmitAsync(new JobSpec("hashchain", new Dictionary<string, string> { ["steps"] = "10" }, JobMode.Scatter, 1));
        var registry = fixture.Client.GetGrain<IJobRegistryGrain>(IJobRegistryGrain.Key);
        var clock = Stopwatch.StartNew();
        var seenFinished = false;
        while (true)
        {
            var listed = (await registry.ListAsync()).FirstOrDefault(j => j.JobId == id);
            seenFinished |= listed is { State: JobState.Completed };
            if (listed is null && seenFinished)
            {
                break;
            }

            Assert.True(
                clock.Elapsed < TimeSpan.FromSeconds(60),
                $"timed out waiting for job {id} to be listed finished, then deleted past its retention (seen finished: {seenFinished})");
            await Task.Delay(50);
        }

        Assert.Equal(JobState.Unknown, (await job.GetStatusAsync()).State);
    }
}
