using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using SerialCluster.Abstractions.Execution;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Grains.Jobs;
using SerialCluster.Grains.Placement;
using SerialCluster.Grains.Reliability;
using SerialCluster.Workloads.Execution;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Grains.Tests.Reliability;

/// <summary>
/// Checkpoints, ETag claims, cancellation and deadlines on a real in-process cluster. (Killing silos is left to the
/// multi-process tests R1–R6: in-process silos keep job storage in memory grains that die with them.)
/// </summary>
[Trait("Category", "Cluster")]
public sealed class ReliabilityGrainTests(ReliabilityClusterFixture fixture) : IClassFixture<ReliabilityClusterFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task ChainResumesFromItsLastCheckpointOnAnotherSiloAndEndsLikeAnUninterruptedRun()
    {
        var spec = new JobSpec("hashchain", new Dictionary<string, string> { ["seed"] = "636b7074", ["steps"] = "3000000" }, JobMode.Scatter, 1);
        var plan = WorkloadCatalog.Get(spec.Workload).Plan(spec.Parameters);
        var expected = LocalPlanRunner.Run(plan).StageOutputs[^1][0];
        var jobId = "t-ckpt-" + Guid.NewGuid().ToString("N")[..8];
        var input = plan.CreateTaskInput(0, 0, []);
        var request = new ChainRequest(jobId, spec, 0, input, 0);
        var first = fixture.Client.GetGrain<ISerialChainGrain>(SiloKey.Format(fixture.Cluster.Silos[0].SiloAddress, $"{jobId}/0"));
        var run = first.RunChainAsync(request);
        var clock = Stopwatch.StartNew();
        while (await first.GetStepsDoneAsync() < 3 * ReliabilityClusterFixture.CheckpointSteps)
        {
            Assert.False(run.IsCompleted, "the chain finished before it could be stopped; make it longer");
            Assert.True(clock.Elapsed < Deadline, "the chain did not reach three checkpoints");
            await Task.Delay(5);
        }

        await first.CancelAsync(jobId);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        var second = fixture.Client.GetGrain<ISerialChainGrain>(SiloKey.Format(fixture.Cluster.Silos[1].SiloAddress, $"{jobId}/0"));
        var outcome = await second.RunChainAsync(request);

        var resumedFrom = Assert.Single(outcome.ResumedFrom!);
        Assert.True(resumedFrom >= 3 * ReliabilityClusterFixture.CheckpointSteps, $"resumed from step {resumedFrom}");
        Assert.Equal(0, resumedFrom % ReliabilityClusterFixture.CheckpointSteps);
        Assert.Equal(expected, outcome.Output);
        Assert.Equal(ReliabilityClusterFixture.CheckpointSteps, outcome.CheckpointSteps);
    }

    [Fact]
    public async Task AStaleRunsCheckpointWriteIsRefusedOnceANewerRunClaimedTheChain()
    {
        var key = ChainCheckpointStore.KeyOf("t-etag-" + Guid.NewGuid().ToString("N")[..8], "0");
        var stale = ChainCheckpointStore.Open(fixture.SiloServices, key);
        Assert.Null(await stale.ClaimAsync("stale", 100));
        await stale.SaveAsync(10, [1]);

        var newer = ChainCheckpointStore.Open(fixture.Cluster.Silos[2].ServiceProvider, key);
        var saved = await newer.ClaimAsync("newer", 100);
        Assert.Equal(10, saved!.Steps);

        var refused = await Assert.ThrowsAsync<ChainSupersededException>(() => stale.SaveAsync(20, [2]));
        Assert.Contains("a newer run of chain", refused.Message, StringComparison.Ordinal);
        await newer.SaveAsync(30, [3]);
        var third = ChainCheckpointStore.Open(fixture.SiloServices, key);
        Assert.Equal(30, (await third.ClaimAsync("third", 100))!.Steps);
        Assert.Equal([10L, 30L], third.Resumes);
    }

    [Fact]
    public async Task CancellingARunningJobStopsItAndLeavesItCancelled()
    {
        var job = fixture.Client.GetGrain<IJobGrain>("t-cancel-" + Guid.NewGuid().ToString("N")[..8]);
        var status = await job.SubmitAsync(new JobSpec("hashchain", new Dictionary<string, string> { ["steps"] = "2000000000" }, JobMode.Pinned, 1));
        Assert.Equal(JobState.Running, status.State);
        await WaitAsync(job, s => s.UnitsDone > 0, "the job to make progress");

        var cancelled = await job.CancelAsync("stop it");

        Assert.Equal(JobState.Cancelled, cancelled.State);
        Assert.Equal("stop it", cancelled.Error);
        Assert.True(cancelled.UnitsDone < cancelled.UnitsTotal);
        Assert.Equal(JobState.Cancelled, (await job.CancelAsync("again")).State);
    }

    [Fact]
    public async Task AJobPastItsDeadlineFailsSayingSo()
    {
        var job = fixture.Client.GetGrain<IJobGrain>("t-deadline-" + Guid.NewGuid().ToString("N")[..8]);
        await job.SubmitAsync(
            new JobSpec(
                "montecarlo",
                new Dictionary<string, string> { ["samples"] = "100000000000", ["tasks"] = "64" },
                JobMode.Scatter,
                2,
                DeadlineSeconds: 0.3));
        var status = await WaitAsync(job, s => s.IsFinished, "the job to stop at its deadline");
        Assert.Equal(JobState.Failed, status.State);
        Assert.Equal("the job's deadline of 0.3 s passed before it finished; it was stopped", status.Error);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(1e9)]
    public async Task ADeadlineOutOfRangeIsRejectedNamingItsValue(double deadline)
    {
        var job = fixture.Client.GetGrain<IJobGrain>("t-bad-deadline-" + Guid.NewGuid().ToString("N")[..8]);
        var status = await job.SubmitAsync(new JobSpec("hashchain", new Dictionary<string, string>(), JobMode.Pinned, 1, deadline));
        Assert.Equal(JobState.Rejected, status.State);
        Assert.StartsWith($"deadline {deadline} s is out of range; allowed: 0 (none) or up to 604800 s", status.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FinishedJobsAreListedAndDeletedWithTheirResults()
    {
        var id = "t-list-" + Guid.NewGuid().ToString("N")[..8];
        var job = fixture.Client.GetGrain<IJobGrain>(id);
        await job.SubmitAsync(new JobSpec("hashchain", new Dictionary<string, string> { ["steps"] = "10" }, JobMode.Scatter, 1));
        var done = await WaitAsync(job, s => s.IsFinished, "the job to finish");
        Assert.Equal(JobState.Completed, done.State);
        // The registry hears of the finished job right after its state is stored, so a status read during that write
        // can see Completed a moment before the listing does.
        var registry = fixture.Client.GetGrain<IJobRegistryGrain>(IJobRegistryGrain.Key);
        var clock = Stopwatch.StartNew();
        while (!(await registry.ListAsync()).Any(j => j.JobId == id && j.State == JobState.Completed) && clock.Elapsed < Deadline)
        {
            await Task.Delay(20);
        }

        Assert.Contains(await registry.ListAsync(), j => j.JobId == id && j.State == JobState.Completed && j.Workload == "hashchain");

        Assert.True(await job.DeleteAsync());

        Assert.DoesNotContain(await registry.ListAsync(), j => j.JobId == id);
        Assert.Equal(JobState.Unknown, (await job.GetStatusAsync()).State);
    }

    [Fact]
    public void TheLedgerCommitsEachTaskOnceAndCountsLateDuplicates()
    {
        var ledger = new TaskLedger(3, CommittedTasks.Of(1, [1], 0.1, "a"));
        Assert.True(ledger.IsCommitted(1));
        Assert.True(ledger.Commit(0, new StageTaskOutcome([0], 0.1, "b")));
        Assert.False(ledger.Commit(0, new StageTaskOutcome([9], 0.1, "c")));
        Assert.False(ledger.Commit(1, new StageTaskOutcome([9], 0.1, "c")));
        Assert.True(ledger.Commit(2, new StageTaskOutcome([2], 0.1, "b")));
        Assert.Equal(2, ledger.Duplicates);
        Assert.Equal(1, ledger.Restored);

        // What a job stores and a new coordinator restores: the same tasks, seconds and silos.
        var restored = new TaskLedger(3, ledger.ToStored());
        Assert.Equal(3, restored.Restored);
        Assert.Equal([(0, 0.1, "b"), (1, 0.1, "a"), (2, 0.1, "b")], restored.All.ToArray());
        Assert.Equal([[0], [1], [2]], ledger.TakeOutputs(3));
        Assert.Equal([[0], [], []], restored.TakeOutputs(1));
    }

    [Fact]
    public void TheLedgerHandsOutItsOwnArrayOnceAndThenTakesNoMoreCommits()
    {
        var ledger = new TaskLedger(4);
        Assert.True(ledger.Commit(0, [5], 0.1, "a"));
        Assert.True(ledger.Commit(2, [7], 0.1, "b"));
        var outputs = ledger.TakeOutputs(3);
        Assert.Equal([[5], [], [7], []], outputs);
        Assert.Same(outputs[1], ledger.Output(1)); // the ledger's own array, completed in place: no copy
        Assert.Throws<InvalidOperationException>(() => ledger.TakeOutputs(3));
        Assert.Throws<InvalidOperationException>(() => ledger.Commit(1, [9], 0.1, "a"));
        Assert.Throws<InvalidOperationException>(() => ledger.ToStored());
        Assert.Equal(2, ledger.Committed);
    }

    [Fact]
    public void ProgressReadBackFromStorageNeverLeaksIntoAFreshJob()
    {
        // Through the serializer grain storage uses: a stored stage's committed results come back, and a fresh job's
        // progress and ledger still start empty. (A shared static "empty" CommittedTasks was once filled in place by
        // the storage deserializer, and every later stage of every job on that silo "restored" those results.)
        var serializer = fixture.SiloServices.GetRequiredService<IGrainStorageSerializer>();
        var ledger = new TaskLedger(3);
        ledger.Commit(1, new StageTaskOutcome([7], 0.5, "a"));
        var stored = new JobRecord { Progress = new JobProgress { Stage = 2, Committed = ledger.ToStored() } };
        for (var read = 0; read < 2; read++)
        {
            var back = serializer.Deserialize<JobRecord>(serializer.Serialize(stored));
            var progress = back?.Progress ?? throw new InvalidOperationException("the progress was not read back");
            Assert.Equal([1], progress.Committed.Tasks);
            Assert.Equal([(1, 0.5, "a")], new TaskLedger(3, progress.Committed).All.ToArray());
        }

        Assert.Equal(0, new JobProgress().Committed.Count);
        Assert.Equal(0, new TaskLedger(3, new JobProgress().Committed).Committed);
    }

    [Fact]
    public void APreviousStagesOutputsReadBackWhetherStoredAsAnArrayOrAsTheOldList()
    {
        // The stage's own array is held and stored (no copy into a list); progress stored before that, as a List, still
        // reads back (the storage serializer names the stored type).
        var serializer = fixture.SiloServices.GetRequiredService<IGrainStorageSerializer>();
        byte[][] outputs = [[1, 2], []];
        var stored = new JobRecord { Progress = new JobProgress { Stage = 2, Previous = outputs } };
        var json = System.Text.Encoding.UTF8.GetString(serializer.Serialize(stored).ToArray());
        const string ArrayType = "\"Previous\":{\"$type\":\"System.Byte[][], System.Private.CoreLib\"";
        Assert.Contains(ArrayType, json, StringComparison.Ordinal);
        var asList = json.Replace(
            ArrayType,
            "\"Previous\":{\"$type\":\"System.Collections.Generic.List`1[[System.Byte[], System.Private.CoreLib]], System.Private.CoreLib\"",
            StringComparison.Ordinal);
        Assert.NotEqual(json, asList);
        foreach (var form in new[] { json, asList })
        {
            var back = serializer.Deserialize<JobRecord>(BinaryData.FromString(form))?.Progress ?? throw new InvalidOperationException(
                "the progress was not read back");
            Assert.Equal(outputs, back.Previous);
        }

        Assert.Empty(new JobProgress().Previous);
    }

    private static async Task<JobStatus> WaitAsync(IJobGrain job, Func<JobStatus, bool> done, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var status = await job.GetStatusAsync();
            if (done(status))
            {
                return status;
            }

            Assert.True(clock.Elapsed < Deadline, $"timed out waiting for {what}; last {status.State} {status.UnitsDone}/{status.UnitsTotal}");
            await Task.Delay(20);
        }
    }
}
