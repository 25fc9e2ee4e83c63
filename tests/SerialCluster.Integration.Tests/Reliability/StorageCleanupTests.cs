using System.Diagnostics;
using System.Globalization;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Integration.Tests.Infrastructure;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace SerialCluster.Integration.Tests.Reliability;

/// <summary>
/// R14 of docs/RELIABILITY.md: a job leaves no key behind in Redis once it is deleted, by <c>jobs delete</c> or by the
/// retention. The jobs are stopped in the middle of a checkpointed chain (a pinned one and a scattered job's chain
/// stage), the case where the chain's own checkpoint is not cleared by the job's end; Redis is read with SCAN.
/// </summary>
[Trait("Category", "Integration")]
[Trait("Category", "Reliability")]
[Collection(ProcessCollection.Name)]
public sealed class StorageCleanupTests(ITestOutputHelper output)
{
    private const long K = 200_000;
    private static readonly TimeSpan Retention = TimeSpan.FromSeconds(15);

    [SkippableFact]
    public async Task R14_DeletedAndExpiredJobsLeaveNoKeyInRedisCheckpointsIncluded()
    {
        var chain = new Dictionary<string, string> { ["seed"] = "636c65616e", ["steps"] = "400000000" };
        var amdahl = new Dictionary<string, string> { ["serialFraction"] = "0.9", ["work"] = "400000000", ["tasks"] = "4" };
        var small = new Dictionary<string, string> { ["samples"] = "2000000", ["tasks"] = "8", ["seed"] = "14" };
        await using var cluster = await FaultCluster.StartAsync(
        [
            .. SiloProcess.Setting("Reliability:CheckpointSteps", K.ToString(CultureInfo.InvariantCulture)),
            .. SiloProcess.Setting("Reliability:Retention", Retention.ToString("c", CultureInfo.InvariantCulture)),
        ]);
        using var redis = await ConnectionMultiplexer.ConnectAsync(cluster.Redis.ConnectionString + ",allowAdmin=true");
        var server = redis.GetServer(redis.GetEndPoints()[0]);

        // Deleted well within the retention of the first to finish, so the deletes, not the retention, remove them.
        var deleted = new List<(WatchedJob Job, int KeysBefore)>();
        foreach (var (workload, parameters, mode) in new[] { ("hashchain", chain, JobMode.Pinned), ("amdahl", amdahl, JobMode.Scatter) })
        {
            var job = await WatchedJob.SubmitAsync(cluster, workload, parameters, mode, 2);
            deleted.Add((await StopInTheChainAsync(server, job), Keys(server, job.Id).Count));
        }

        var completed = await WatchedJob.SubmitAsync(cluster, "montecarlo", small, JobMode.Scatter, 4);
        Assert.Equal(JobState.Completed, (await completed.WaitForEndAsync(FaultCluster.Deadline)).State);
        deleted.Add((completed, Keys(server, completed.Id).Count));

        // Deleted by the user: nothing of the job may be left once the delete has answered.
        var clock = Stopwatch.StartNew();
        var leftAfterDelete = new List<string>();
        foreach (var (job, _) in deleted)
        {
            Assert.True(await job.Grain.DeleteAsync(), $"job {job.Id} was not deleted");
            leftAfterDelete.AddRange(Keys(server, job.Id));
        }

        var deleteSeconds = clock.Elapsed.TotalSeconds;

        // Left to the retention: a stopped chain job, gone within the retention and a few keeper rounds.
        var expiring = await StopInTheChainAsync(server, await WatchedJob.SubmitAsync(cluster, "hashchain", chain, JobMode.Pinned, 1));
        var expiringKeys = Keys(server, expiring.Id).Count;
        var stopped = Stopwatch.StartNew();
        var expired = await Poll.TryUntilAsync(Retention * 4, async () =>
        {
            var listed = await cluster.Client.GetGrain<IJobRegistryGrain>(IJobRegistryGrain.Key).ListAsync();
            return listed.Any(j => j.JobId == expiring.Id) || Keys(server, expiring.Id).Count > 0 ? null : "gone";
        });
        var expiredAfter = stopped.Elapsed;
        var leftAfterRetention = Keys(server, expiring.Id);
        var listedAtEnd = await cluster.Client.GetGrain<IJobRegistryGrain>(IJobRegistryGrain.Key).ListAsync();

        output.WriteLine(
            $"R14 deleted {deleted.Count} jobs (hashchain pinned and amdahl scatter cancelled in their chains, K={K}; montecarlo completed) holding " +
            $"{string.Join(", ", deleted.Select(d => d.KeysBefore))} Redis keys; keys left after the deletes {leftAfterDelete.Count} " +
            $"({string.Join(", ", leftAfterDelete)}); deletes took {deleteSeconds:F2} s");
        output.WriteLine(
            $"R14 retention {Retention.TotalSeconds:F0} s: a cancelled hashchain holding {expiringKeys} keys was " +
            $"{(expired is null ? "NOT removed" : "removed")} {expiredAfter.TotalSeconds:F2} s after it stopped; keys left {leftAfterRetention.Count} " +
            $"({string.Join(", ", leftAfterRetention)}); jobs still listed {listedAtEnd.Count}");
        output.WriteLine(
            $"R14 jobs submitted 4 / completed 1 / lost 0 / wrong 0 / stuck 0 (3 cancelled on purpose); keys left behind " +
            $"{leftAfterDelete.Count + leftAfterRetention.Count}");

        Assert.All(deleted, d => Assert.True(d.KeysBefore > 0, $"job {d.Job.Id} had no key to delete: the test looks in the wrong place"));
        Assert.Contains(deleted, d => d.KeysBefore > 1);
        Assert.Empty(leftAfterDelete);
        Assert.True(expiringKeys > 1, $"the expiring job held {expiringKeys} keys: its chain checkpoint was not there to test");
        Assert.Empty(leftAfterRetention);
        Assert.NotNull(expired);
        Assert.DoesNotContain(listedAtEnd, j => j.JobId == expiring.Id || deleted.Any(d => d.Job.Id == j.JobId));
    }

    /// <summary>Waits until the job's chain has stored a checkpoint of its own (a key beyond the job's), then cancels the job.</summary>
    private static async Task<WatchedJob> StopInTheChainAsync(IServer server, WatchedJob job)
    {
        await Poll.UntilAsync($"job {job.Id}'s chain to store a checkpoint", FaultCluster.Deadline, async () =>
        {
            var status = await job.PollAsync();
            Assert.False(status is { IsFinished: true }, $"job {job.Id} finished ({status?.State}) before its chain checkpointed");
            return Keys(server, job.Id).Any(k => k.Contains("chain", StringComparison.Ordinal)) ? "stored" : null;
        });
        var cancelled = await job.Grain.CancelAsync("R14");
        Assert.True(cancelled.State == JobState.Cancelled, $"job {job.Id} is {cancelled.State} after the cancel: {cancelled.Error}");
        return job;
    }

    /// <summary>Every key in Redis that names the job (SCAN, not KEYS: the way one inspects a live server).</summary>
    private static List<string> Keys(IServer server, string jobId) =>
        [.. server.Keys(pattern: $"*{jobId}*", pageSize: 1000).Select(k => k.ToString())];
}
