using System.Diagnostics;
using System.Globalization;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Integration.Tests.Infrastructure;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace SerialCluster.Integration.Tests.Reliability;

/// <summary>
/// R7 and R8 of docs/RELIABILITY.md: the cluster's redis-server frozen (SIGSTOP) while jobs run, then thawed (SIGCONT).
/// Writes in flight time out, and land once Redis runs again; the coordinators and chains that made them must carry on,
/// not stop as if superseded or fail. Each test prints jobs submitted / completed / lost / wrong / stuck.
/// </summary>
[Trait("Category", "Integration")]
[Trait("Category", "Reliability")]
[Collection(ProcessCollection.Name)]
public sealed class StoragePauseTests(ITestOutputHelper output)
{
    /// <summary>What a silo logs for a job record write that failed (the Redis storage provider's own line).</summary>
    private const string TimedOutJobWrite = "Failed to write grain state for job grain";

    /// <summary>How long a job may take to finish after Redis is back before it counts as stuck.</summary>
    private static readonly TimeSpan StuckAfter = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task R7_ARedisPauseOfSevenSecondsDuringScatterJobsLeavesNoneStuck()
    {
        var pause = TimeSpan.FromSeconds(7);
        var parameters = new Dictionary<string, string> { ["samples"] = "1800000000", ["tasks"] = "128", ["seed"] = "19" };
        var reference = Task.Run(() => FaultTests.Reference("montecarlo", parameters));
        await using var cluster = await FaultCluster.StartAsync();
        var jobs = new List<WatchedJob>();
        for (var i = 0; i < 3; i++)
        {
            jobs.Add(await WatchedJob.SubmitAsync(cluster, "montecarlo", parameters, JobMode.Scatter, 4));
        }

        foreach (var job in jobs)
        {
            await job.WaitForUnitsAsync(job.Last!.UnitsTotal / 20, FaultCluster.Deadline);
        }

        // Paused about a second before the first job's next progress write (its period measured between two writes), so
        // the write is made early in the pause, times out, and lands when Redis runs again: the case a coordinator must
        // tell apart from a takeover. A pause that caught no write is repeated, up to three, while the jobs run.
        var running = 0;
        var atPause = new List<long>();
        var pauses = 0;
        var clock = Stopwatch.StartNew();
        var thawed = TimeSpan.Zero;
        do
        {
            var (period, sinceLast) = await WaitForRecordWritesAsync(cluster, jobs[0].Id);
            var wait = period - TimeSpan.FromSeconds(1) - sinceLast.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait); // the fault's moment, not a synchronisation
            }

            await Task.WhenAll(jobs.Select(j => j.PollAsync()));
            running = jobs.Count(j => j.Last is { IsFinished: false });
            atPause = [.. jobs.Select(j => j.MaxUnitsSeen)];
            clock.Restart();
            await PauseRedisAsync(cluster, pause);
            thawed = clock.Elapsed;
            pauses++;
        }
        while (CountLines(cluster, TimedOutJobWrite) == 0 && pauses < 3 && running == 3);

        var ends = await Task.WhenAll(jobs.Select(j => FinishedOrNullAsync(j, clock)));
        var expected = await reference;
        var report = await ReportAsync("R7", cluster, jobs, ends, expected);

        output.WriteLine(
            $"R7 montecarlo 128 tasks x3 (scatter, P=4); SIGSTOP redis-server (pid {cluster.Redis.Pid}) for {pause.TotalSeconds:F0} s with " +
            $"{running} of 3 jobs running at {string.Join(", ", atPause.Zip(jobs, (u, j) => $"{100.0 * u / j.Last!.UnitsTotal:F0}%"))}; " +
            $"SIGCONT at {thawed.TotalSeconds:F2} s (pause {pauses}); job writes that timed out in the pause {CountLines(cluster, TimedOutJobWrite)}");
        output.WriteLine(report.Line);
        output.WriteLine(
            $"R7 after SIGCONT: jobs finished at {string.Join(", ", ends.Select(e => e.At is { } at ? $"{(at - thawed).TotalSeconds:F2} s" : "never"))}; " +
            $"coordinator writes taken back {CountLines(cluster, "takes it back")}, coordinators stopped as superseded " +
            $"{CountLines(cluster, "another coordinator took over")}, progress writes skipped {CountLines(cluster, "its progress could not be stored")}, " +
            $"job writes retried {CountLines(cluster, "storing its state failed")}; " +
            $"storage errors logged {CountLines(cluster, "Failed to write grain state")}, " +
            $"stages started again {CountLines(cluster, "is started again after attempt")}");

        Assert.True(running == 3, $"only {running} of 3 jobs were still running when Redis was paused: size the jobs up");
        Assert.True(CountLines(cluster, TimedOutJobWrite) > 0, $"no job write timed out in {pauses} pauses: the fault was not exercised");
        Assert.True(report.Completed == 3, report.Line);
    }

    [SkippableFact]
    public async Task R8_ARedisPauseOfTwentySecondsDuringAChainJobNeitherFailsNorStopsIt()
    {
        var pause = TimeSpan.FromSeconds(20);
        const long K = 300_000;
        var parameters = new Dictionary<string, string> { ["seed"] = "7061757365", ["steps"] = "200000000" };
        var reference = Task.Run(() => FaultTests.Reference("hashchain", parameters));
        await using var cluster = await FaultCluster.StartAsync(
            [.. SiloProcess.Setting("Reliability:CheckpointSteps", K.ToString(CultureInfo.InvariantCulture))]);
        var job = await WatchedJob.SubmitAsync(cluster, "hashchain", parameters, JobMode.Pinned, 1);
        await job.WaitForUnitsAsync(job.Last!.UnitsTotal / 20, FaultCluster.Deadline);
        var atPause = job.MaxUnitsSeen;
        var clock = Stopwatch.StartNew();
        var duringPause = Task.Run(async () =>
        {
            // The chain's progress while Redis is frozen: it must go on computing, only its checkpoints wait.
            await Task.Delay(pause - TimeSpan.FromSeconds(1));
            await job.PollAsync();
            return job.MaxUnitsSeen;
        });
        await PauseRedisAsync(cluster, pause);
        var thawed = clock.Elapsed;
        var seenInPause = await duringPause;
        var ends = await Task.WhenAll(FinishedOrNullAsync(job, clock));
        var expected = await reference;
        var report = await ReportAsync("R8", cluster, [job], ends, expected);
        var reliability = await job.TryReliabilityAsync();

        output.WriteLine(
            $"R8 hashchain 200M steps pinned, K={K}; SIGSTOP redis-server (pid {cluster.Redis.Pid}) for {pause.TotalSeconds:F0} s at " +
            $"{atPause}/{job.Last!.UnitsTotal} steps; chain at {seenInPause} steps near the pause's end; SIGCONT at {thawed.TotalSeconds:F2} s");
        output.WriteLine(report.Line);
        output.WriteLine(
            $"R8 job finished {(ends[0].At is { } at ? $"{(at - thawed).TotalSeconds:F2} s after SIGCONT" : "never")}; checkpoints skipped " +
            $"{CountLines(cluster, "a checkpoint could not be stored")}, chain writes refused as stale {CountLines(cluster, "stale write refused")}, " +
            $"job writes retried {CountLines(cluster, "storing its state failed")}; " +
            $"checkpoints {reliability?.Checkpoints}, resumed from {string.Join(", ", reliability?.ResumedFromSteps ?? [])}; coordinator runs " +
            $"{reliability?.CoordinatorRuns}");

        Assert.True(report.Completed == 1, report.Line);
        Assert.True(seenInPause > atPause, $"the chain made no progress while Redis was paused ({atPause} -> {seenInPause} steps)");
    }

    /// <summary>
    /// Waits until the job's record in Redis (read directly, not through Orleans) is written twice more; returns the time
    /// between those two writes and a clock started at the second.
    /// </summary>
    private static async Task<(TimeSpan Period, Stopwatch SinceLast)> WaitForRecordWritesAsync(ProcessCluster cluster, string jobId)
    {
        using var redis = await ConnectionMultiplexer.ConnectAsync(cluster.Redis.ConnectionString);
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var key = Assert.Single(server.Keys(pattern: $"*/{jobId}/*"), k => !k.ToString().Contains("chain", StringComparison.Ordinal));
        var database = redis.GetDatabase();
        var etag = await database.HashGetAsync(key, "etag");
        var clock = new Stopwatch();
        var period = TimeSpan.Zero;
        for (var write = 0; write < 2; write++)
        {
            var before = etag;
            await Poll.UntilAsync(
                $"job {jobId}'s record ({key}) to be written again",
                FaultCluster.Deadline,
                async () => (etag = await database.HashGetAsync(key, "etag")) != before ? "written" : null);
            period = clock.Elapsed;
            clock.Restart();
        }

        return (period, clock);
    }

    /// <summary>Freezes the cluster's redis-server for <paramref name="pause"/> (the fault's length), then thaws it.</summary>
    private static async Task PauseRedisAsync(ProcessCluster cluster, TimeSpan pause)
    {
        Signals.Send(cluster.Redis.Pid, "STOP");
        try
        {
            await Task.Delay(pause);
        }
        finally
        {
            Signals.Send(cluster.Redis.Pid, "CONT");
        }
    }

    /// <summary>The job's final status (or Unknown: lost) and when it was seen; a null status once <see cref="StuckAfter"/> passed.</summary>
    private static async Task<(WatchedJob Job, JobStatus? Status, TimeSpan? At)> FinishedOrNullAsync(WatchedJob job, Stopwatch clock)
    {
        var status = await Poll.TryUntilAsync(StuckAfter, async () =>
        {
            var s = await job.PollAsync();
            return s is { IsFinished: true } or { State: JobState.Unknown } ? s : null;
        });
        return (job, status, status is null ? null : clock.Elapsed);
    }

    /// <summary>
    /// Counts the jobs: completed with the reference result, wrong (completed, another result), lost (unknown to the
    /// cluster), failed or cancelled, stuck (not finished). A stuck job is then cancelled, as a user would, and what
    /// that answered is reported.
    /// </summary>
    private async Task<(int Completed, string Line)> ReportAsync(
        string test, ProcessCluster cluster, List<WatchedJob> jobs, (WatchedJob Job, JobStatus? Status, TimeSpan? At)[] ends, string reference)
    {
        var completed = ends.Count(e => e.Status is { State: JobState.Completed } s && s.ResultJson == reference);
        var wrong = ends.Count(e => e.Status is { State: JobState.Completed } s && s.ResultJson != reference);
        var lost = ends.Count(e => e.Status is { State: JobState.Unknown });
        var failed = ends.Where(e => e.Status is { State: JobState.Failed or JobState.Cancelled or JobState.Rejected }).ToList();
        var stuck = ends.Where(e => e.Status is null).ToList();
        var cancels = new List<string>();
        foreach (var (job, _, _) in stuck)
        {
            try
            {
                var answer = await job.Grain.CancelAsync("stuck in a fault test").WaitAsync(TimeSpan.FromSeconds(40));
                cancels.Add($"{job.Id}: cancel answered {answer.State}");
            }
            catch (Exception e) when (e is TimeoutException or OrleansException)
            {
                cancels.Add($"{job.Id}: cancel failed ({e.GetType().Name})");
            }
        }

        if (failed.Count + stuck.Count > 0)
        {
            foreach (var job in jobs)
            {
                output.WriteLine(FaultCluster.Story(cluster, job.Id));
            }
        }

        var line =
            $"{test} jobs submitted {jobs.Count} / completed {completed} / lost {lost} / wrong {wrong} / stuck {stuck.Count} / failed " +
            $"{failed.Count}{string.Concat(failed.Select(f => $" ({f.Status!.State}: {f.Status.Error})"))}" +
            $"{(cancels.Count > 0 ? "; " + string.Join("; ", cancels) : string.Empty)}; client poll errors {jobs.Sum(j => j.Errors.Count)}";
        return (completed, line);
    }

    private static int CountLines(ProcessCluster cluster, string text) =>
        cluster.Silos.Sum(s => s.Output().Split('\n').Count(l => l.Contains(text, StringComparison.Ordinal)));
}
