using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Grains.Hosting;
using SerialCluster.Grains.Jobs;
using SerialCluster.Grains.Tests.Reliability;
using SerialCluster.Workloads.Execution;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Grains.Tests.Jobs;

/// <summary>
/// A coordinator whose write storage refuses (the ETag changed under it) on a real in-process cluster: it must find
/// out whether a newer coordinator exists. The record is rewritten in storage behind the coordinator's back, as a
/// write of its own that timed out and landed late would (same coordinator run), or as a newer coordinator's claim.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class CoordinatorConflictTests(ReliabilityClusterFixture fixture) : IClassFixture<ReliabilityClusterFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    private static readonly Dictionary<string, string> Long = new() { ["samples"] = "400000000", ["tasks"] = "400", ["seed"] = "5" };

    [Fact]
    public async Task ARefusedWriteWithNoNewerCoordinatorIsTakenBackAndTheJobCompletesAndIsStored()
    {
        var (job, id) = await StartAsync();
        await RewriteStoredAsync(id, runsAdded: 0);

        var done = await WaitAsync(job, s => s.IsFinished, "the job to finish");

        Assert.True(done.State == JobState.Completed, $"{done.State}: {done.Error}");
        Assert.Equal(Reference(), done.ResultJson);
        Assert.Equal(1, (await job.GetReliabilityAsync()).CoordinatorRuns);
        var stored = await ReadStoredAsync(id);
        Assert.Equal(JobState.Completed, stored.State);
        Assert.Equal(done.ResultJson, stored.ResultJson);
    }

    [Fact]
    public async Task ACoordinatorSupersededByANewerRunLetsGoAndTheJobResumesAndCompletes()
    {
        var (job, id) = await StartAsync();
        await RewriteStoredAsync(id, runsAdded: 1);

        var done = await WaitAsync(job, s => s.IsFinished, "the job to finish under a new coordinator");

        Assert.True(done.State == JobState.Completed, $"{done.State}: {done.Error}");
        Assert.Equal(Reference(), done.ResultJson);
        Assert.True((await job.GetReliabilityAsync()).CoordinatorRuns >= 3, "the job was not resumed by a new coordinator");
    }

    [Fact]
    public async Task DeletingARunningJobCancelsItThenDeletesIt()
    {
        var (job, id) = await StartAsync();

        Assert.True(await job.DeleteAsync());

        Assert.Equal(JobState.Unknown, (await job.GetStatusAsync()).State);
        Assert.DoesNotContain(await fixture.Client.GetGrain<IJobRegistryGrain>(IJobRegistryGrain.Key).ListAsync(), j => j.JobId == id);
    }

    private static string Reference() =>
        LocalPlanRunner.Run(WorkloadCatalog.Get("montecarlo").Plan(Long), parallelism: Math.Max(1, Environment.ProcessorCount)).Result.ToJsonString();

    private async Task<(IJobGrain Job, string Id)> StartAsync()
    {
        var id = "t-conflict-" + Guid.NewGuid().ToString("N")[..8];
        var job = fixture.Client.GetGrain<IJobGrain>(id);
        var status = await job.SubmitAsync(new JobSpec("montecarlo", Long, JobMode.Scatter, 3));
        Assert.Equal(JobState.Running, status.State);
        // Its progress stored at least once (the mode chosen), and well under way, not near its end.
        await WaitAsync(job, s => s.UnitsDone >= s.UnitsTotal / 10 || s.IsFinished, "the job to make progress");
        Assert.False((await job.GetStatusAsync()).IsFinished, "the job finished before the conflict: make it longer");
        return (job, id);
    }

    /// <summary>Writes the stored record again (a new ETag), its coordinator runs raised by <paramref name="runsAdded"/>.</summary>
    private async Task RewriteStoredAsync(string id, int runsAdded)
    {
        var storage = fixture.SiloServices.GetRequiredKeyedService<IGrainStorage>(SerialClusterStorage.Jobs);
        var grainId = fixture.Client.GetGrain<IJobGrain>(id).GetGrainId();
        var state = new GrainState<JobRecord>(new JobRecord());
        await storage.ReadStateAsync(JobRecord.StateName, grainId, state);
        Assert.True(state.RecordExists);
        state.State!.Counters.CoordinatorRuns += runsAdded;
        await storage.WriteStateAsync(JobRecord.StateName, grainId, state);
    }

    private async Task<JobRecord> ReadStoredAsync(string id)
    {
        var storage = fixture.SiloServices.GetRequiredKeyedService<IGrainStorage>(SerialClusterStorage.Jobs);
        var state = new GrainState<JobRecord>(new JobRecord());
        await storage.ReadStateAsync(JobRecord.StateName, fixture.Client.GetGrain<IJobGrain>(id).GetGrainId(), state);
        return state.State ?? new JobRecord();
    }

    private static async Task<JobStatus> WaitAsync(IJobGrain job, Func<JobStatus, bool> until, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var status = await job.GetStatusAsync();
            if (until(status))
            {
                return status;
            }

            Assert.True(clock.Elapsed < Deadline, $"timed out after {Deadline.TotalSeconds:F0} s waiting for {what} (last: {status.State} {status.UnitsDone})");
            await Task.Delay(50);
        }
    }
}
