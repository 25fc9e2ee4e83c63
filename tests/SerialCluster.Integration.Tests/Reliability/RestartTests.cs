using System.Diagnostics;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SerialCluster.Integration.Tests.Reliability;

/// <summary>
/// Restarts of the whole cluster and of its Redis, driven through deploy/local-cluster.sh (its Redis persistence and
/// its supervisors are what is tested). Results are checked against uninterrupted runs in this process. Each prints
/// jobs submitted / completed / lost / wrong / stuck and its recovery times.
/// </summary>
[Trait("Category", "Integration")]
[Trait("Category", "Reliability")]
[Collection(ProcessCollection.Name)]
public sealed class RestartTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(240);
    private static readonly Dictionary<string, string> Chain = new() { ["seed"] = "726573746172", ["steps"] = "6000000" };

    private static string[] SiloArgs =>
    [
        "--SerialCluster:Silo:Reliability:ProbeTimeout=00:00:01", "--SerialCluster:Silo:Reliability:KeeperInterval=00:00:01",
        "--SerialCluster:Silo:Reliability:CheckpointSteps=300000", "--SerialCluster:Silo:HopProbeInterval=00:00:00",
    ];

    private static Dictionary<string, string> Small(int seed) => new() { ["samples"] = "400000", ["tasks"] = "4", ["seed"] = $"{seed}" };

    [SkippableFact]
    public async Task R9_ADownAndUpThroughTheScriptKeepsEveryJobAndResumesTheRunningOne()
    {
        var chainReference = FaultTests.Reference("hashchain", Chain);
        await using var cluster = await ScriptCluster.UpAsync(SiloArgs);
        var finished = new List<(WatchedJob Job, JobStatus Status)>();
        for (var seed = 1; seed <= 5; seed++)
        {
            var job = await WatchedJob.SubmitAsync(() => cluster.Client, "montecarlo", Small(seed), JobMode.Scatter, 2);
            finished.Add((job, await job.WaitForEndAsync(Deadline)));
        }

        Assert.All(finished, f => Assert.Equal(JobState.Completed, f.Status.State));
        var running = await WatchedJob.SubmitAsync(() => cluster.Client, "hashchain", Chain, JobMode.Pinned, 1);
        await running.WaitForUnitsAsync(running.Last!.UnitsTotal / 5, Deadline);
        var before = running.MaxUnitsSeen;

        var clock = Stopwatch.StartNew();
        await cluster.RunAsync("down");
        var down = clock.Elapsed;
        await cluster.RunAsync("up");
        await cluster.ConnectAsync();
        var up = clock.Elapsed;

        var kept = new List<JobStatus>();
        foreach (var (job, _) in finished)
        {
            kept.Add(await Poll.UntilAsync($"job {job.Id}'s status after the restart", Deadline, job.PollAsync));
        }

        var afterRestart = await Poll.UntilAsync($"job {running.Id}'s status after the restart", Deadline, running.PollAsync);
        var lostAtOnce = kept.Count(s => s.State == JobState.Unknown) + (afterRestart.State == JobState.Unknown ? 1 : 0);
        Assert.True(lostAtOnce == 0, $"R9 jobs submitted 6 / lost {lostAtOnce} after local-cluster.sh down and up: {afterRestart.Error}");
        var resumedAt = await running.WaitForProgressBeyondAsync(before, clock, Deadline);
        var status = await running.WaitForEndAsync(Deadline);
        var listed = await cluster.Client.GetGrain<IJobRegistryGrain>(IJobRegistryGrain.Key).ListAsync();
        var completed = kept.Count(s => s.State == JobState.Completed) + (status.State == JobState.Completed ? 1 : 0);
        var wrong = kept.Where((s, i) => s.State == JobState.Completed && s.ResultJson != finished[i].Status.ResultJson).Count()
            + (status.State == JobState.Completed && status.ResultJson != chainReference ? 1 : 0);
        var lost = kept.Count(s => s.State == JobState.Unknown) + (status.State == JobState.Unknown ? 1 : 0);

        output.WriteLine(
            $"R9 local-cluster.sh down in {down.TotalSeconds:F2} s with hashchain at {before}/{status.UnitsTotal} steps; up again and client "
            + $"reconnected {up.TotalSeconds:F2} s after the down began; running job progressing again {resumedAt.TotalSeconds:F2} s after it");
        output.WriteLine(
            $"R9 jobs submitted 6 / completed {completed} / lost {lost} / wrong {wrong} / stuck {6 - completed - lost - wrong}; "
            + $"listed after the restart {listed.Count}");

        Assert.Equal(0, lost);
        Assert.Equal(0, wrong);
        Assert.True(status.State == JobState.Completed, $"{status.State}: {status.Error}");
        Assert.Equal(6, completed);
        Assert.Equal(finished.Select(f => f.Job.Id).Append(running.Id).Order(), listed.Select(j => j.JobId).Order());
    }

    [SkippableFact]
    public async Task R9_RedisKilledAndRestartedWithItsDataMidJobLosesNothing()
    {
        var chainReference = FaultTests.Reference("hashchain", Chain);
        await using var cluster = await ScriptCluster.UpAsync(SiloArgs);
        var done = await WatchedJob.SubmitAsync(() => cluster.Client, "montecarlo", Small(9), JobMode.Scatter, 2);
        var doneStatus = await done.WaitForEndAsync(Deadline);
        var running = await WatchedJob.SubmitAsync(() => cluster.Client, "hashchain", Chain, JobMode.Pinned, 1);
        await running.WaitForUnitsAsync(running.Last!.UnitsTotal / 5, Deadline);
        var before = running.MaxUnitsSeen;

        var clock = Stopwatch.StartNew();
        await cluster.KillRedisAsync();
        await cluster.RunAsync("redis-up");
        var back = clock.Elapsed;
        var resumedAt = await running.WaitForProgressBeyondAsync(before, clock, Deadline);
        var status = await running.WaitForEndAsync(Deadline);
        var kept = await Poll.UntilAsync($"job {done.Id}'s status", Deadline, done.PollAsync);
        var listed = await cluster.Client.GetGrain<IJobRegistryGrain>(IJobRegistryGrain.Key).ListAsync();
        var completed = (status.State == JobState.Completed ? 1 : 0) + (kept.State == JobState.Completed ? 1 : 0);
        var wrong = (status.State == JobState.Completed && status.ResultJson != chainReference ? 1 : 0)
            + (kept.State == JobState.Completed && kept.ResultJson != doneStatus.ResultJson ? 1 : 0);
        var lost = (status.State == JobState.Unknown ? 1 : 0) + (kept.State == JobState.Unknown ? 1 : 0);

        output.WriteLine(
            $"R9 redis-server kill -9 with hashchain at {before}/{status.UnitsTotal} steps; Redis back (same append-only file) {back.TotalSeconds:F2} s "
            + $"later; job progressing again {resumedAt.TotalSeconds:F2} s after the kill; client status polls failed {running.Errors.Count}");
        output.WriteLine(
            $"R9 jobs submitted 2 / completed {completed} / lost {lost} / wrong {wrong} / stuck {2 - completed - lost - wrong}; listed {listed.Count}; "
            + $"running job: {status.State} {status.Error}");

        Assert.True(status.State == JobState.Completed, $"{status.State}: {status.Error}");
        Assert.Equal(chainReference, status.ResultJson);
        Assert.Equal(JobState.Completed, kept.State);
        Assert.Equal(doneStatus.ResultJson, kept.ResultJson);
        Assert.Equal(new[] { done.Id, running.Id }.Order(), listed.Select(j => j.JobId).Order());
    }

    [SkippableFact]
    public async Task R10_RedisRestartedEmptyTheSilosRejoinAndAVanishedJobIsReportedLostWithItsId()
    {
        var smallReference = FaultTests.Reference("montecarlo", Small(11));
        await using var cluster = await ScriptCluster.UpAsync(SiloArgs);
        var running = await WatchedJob.SubmitAsync(() => cluster.Client, "hashchain", Chain, JobMode.Pinned, 1);
        await running.WaitForUnitsAsync(running.Last!.UnitsTotal / 5, Deadline);
        var before = running.MaxUnitsSeen;
        var total = running.Last!.UnitsTotal;
        var pidsBefore = Enumerable.Range(0, ScriptCluster.SiloCount).Select(i => cluster.Pid($"silo-{i}")).ToArray();

        var clock = Stopwatch.StartNew();
        await cluster.KillRedisAsync();
        Directory.Delete(Path.Combine(cluster.State, "redis-data"), recursive: true);
        await cluster.RunAsync("redis-up");
        var back = clock.Elapsed;
        string[] names = ["silo-0", "silo-1", "silo-2"];
        await Poll.UntilAsync("every silo to be listed active in the emptied Redis again", Deadline,
            async () => (await cluster.ActiveSilosInRedisAsync()).SequenceEqual(names, StringComparer.Ordinal) ? "listed" : null);
        var rejoined = clock.Elapsed;
        await cluster.ConnectAsync();
        var fresh = await WatchedJob.SubmitAsync(() => cluster.Client, "montecarlo", Small(11), JobMode.Scatter, 2);
        var freshStatus = await fresh.WaitForEndAsync(Deadline);
        var serving = clock.Elapsed;
        // Two right outcomes: the job is reported lost with its id, or its coordinator, still alive when Redis came back
        // empty, wrote the job back from memory before its silo restarted, and a new coordinator finishes it.
        var vanished = await Poll.UntilAsync($"job {running.Id} to read lost or finish after Redis came back empty", Deadline,
            async () => await running.PollAsync() is { } s && (s.State == JobState.Unknown || s.IsFinished) ? s : null);
        var chainReference = vanished.State == JobState.Unknown ? null : FaultTests.Reference("hashchain", Chain);
        var pidsAfter = Enumerable.Range(0, ScriptCluster.SiloCount).Select(i => cluster.Pid($"silo-{i}")).ToArray();
        var logs = cluster.SiloLogs();

        output.WriteLine(
            $"R10 redis-server kill -9 with hashchain at {before}/{total} steps, its data deleted, restarted empty "
            + $"{back.TotalSeconds:F2} s later; every silo listed again {rejoined.TotalSeconds:F2} s after the kill "
            + $"(silo processes restarted {pidsBefore.Zip(pidsAfter).Count(p => p.First != p.Second)} of {ScriptCluster.SiloCount}); "
            + $"a new job completed {serving.TotalSeconds:F2} s after the kill");
        output.WriteLine(
            $"R10 jobs submitted 2 / completed {(freshStatus.State == JobState.Completed ? 1 : 0) + (vanished.State == JobState.Completed ? 1 : 0)} / "
            + $"lost {(vanished.State == JobState.Unknown ? "1 (its record destroyed with Redis' data)" : "0 (written back by its live coordinator)")} "
            + $"/ wrong {(freshStatus.ResultJson == smallReference ? 0 : 1)} / stuck 0; the vanished job reads: {vanished.State} \"{vanished.Error}\"; "
            + $"'Could not find a codec' in silo logs: {logs.Contains("Could not find a codec", StringComparison.Ordinal)}");

        Assert.True(freshStatus.State == JobState.Completed, $"{freshStatus.State}: {freshStatus.Error}");
        Assert.Equal(smallReference, freshStatus.ResultJson);
        if (vanished.State == JobState.Unknown)
        {
            Assert.Contains(running.Id, vanished.Error ?? string.Empty, StringComparison.Ordinal);
            Assert.Contains("lost", vanished.Error ?? string.Empty, StringComparison.Ordinal);
        }
        else
        {
            Assert.True(vanished.State == JobState.Completed, $"{vanished.State}: {vanished.Error}");
            Assert.Equal(chainReference, vanished.ResultJson);
        }
        Assert.DoesNotContain("Could not find a codec", logs, StringComparison.Ordinal);
    }
}
