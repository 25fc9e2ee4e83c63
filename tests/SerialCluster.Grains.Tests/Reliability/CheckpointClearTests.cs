using System.Diagnostics;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;

namespace SerialCluster.Grains.Tests.Reliability;

/// <summary>
/// Deleting a finished chain stage's checkpoint is off the job's critical path: the next stage runs while the deletion
/// is still under way, and the job finishes only once it is done.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class CheckpointClearTests(HeldClearClusterFixture fixture) : IClassFixture<HeldClearClusterFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task TheParallelStageRunsWhileTheChainCheckpointIsStillBeingDeletedAndTheJobEndsAfterIt()
    {
        var parameters = new Dictionary<string, string> { ["serialFraction"] = "0.25", ["work"] = "200000", ["tasks"] = "4" };
        var job = fixture.Client.GetGrain<IJobGrain>("t-clear-" + Guid.NewGuid().ToString("N")[..8]);
        var status = await job.SubmitAsync(new JobSpec("amdahl", parameters, JobMode.Scatter, 2));
        Assert.Equal(JobState.Running, status.State);

        // The chain stage is done and its checkpoint's deletion is held: every unit of the parallel stage still gets done.
        var clock = Stopwatch.StartNew();
        while (fixture.Gate.Held == 0 || status.UnitsDone < status.UnitsTotal)
        {
            Assert.True(
                clock.Elapsed < Deadline,
                $"waited for the parallel stage to finish while the chain checkpoint's deletion was held; held {fixture.Gate.Held}, status {status.State} " +
                $"{status.UnitsDone}/{status.UnitsTotal}");
            Assert.False(status.IsFinished, $"the job finished ({status.State}: {status.Error}) while the checkpoint's deletion was still held");
            await Task.Delay(10);
            status = await job.GetStatusAsync();
        }

        Assert.Equal(JobState.Running, status.State);
        fixture.Gate.Open();
        while (!status.IsFinished)
        {
            Assert.True(
                clock.Elapsed < Deadline,
                $"waited for the job to finish once the deletion was let go; status {status.State} {status.UnitsDone}/{status.UnitsTotal}");
            await Task.Delay(10);
            status = await job.GetStatusAsync();
        }

        Assert.True(status.State == JobState.Completed, $"the job ended {status.State}: {status.Error}");
        Assert.Equal(1, fixture.Gate.Held);
    }
}
