using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Cli;
using SerialCluster.Integration.Tests.Infrastructure;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace SerialCluster.Integration.Tests.Reliability;

/// <summary>
/// R11 and R12 of docs/RELIABILITY.md: what a client sees when storage loses a job it follows, and whether the job
/// list stays true when the registry's silo dies as a job ends. Real silo processes, a real redis-server and the real
/// <c>serialcluster</c> process; each test prints its figures and asserts no time beyond its deadlines.
/// </summary>
[Trait("Category", "Integration")]
[Trait("Category", "Reliability")]
[Collection(ProcessCollection.Name)]
public sealed partial class ClientFaultTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = FaultCluster.Deadline;

    // Long enough to say "lost": the CLI must notice the new silos (a few seconds) and ask the job once.
    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(60);

    // Long enough for the registry's new activation and two keeper rounds (1 s apart in the fault cluster).
    private static readonly TimeSpan ListDeadline = TimeSpan.FromSeconds(30);

    // Longer than the CLI's start plus a Redis call's time-out (5 s), shorter than its retries of a submission (30 s).
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(15);

    [SkippableFact]
    public async Task R11_ACliFollowingAJobWhoseStorageWasWipedSaysTheJobIsLostAndExits()
    {
        await using var cluster = await FaultCluster.StartAsync();
        using var cli = CliProcess.Start(
            cluster, "run", "hashchain", "--set", "seed=6c6f7374", "--set", "steps=2000000000", "--mode", "pinned");
        await cli.WaitForLineAsync(" accepted; following it", Deadline);
        var id = AcceptedLine().Match(cli.Output()).Groups[1].Value;
        var job = cluster.Client.GetGrain<IJobGrain>(id);
        var before = await Poll.UntilAsync($"job {id} to make progress", Deadline, async () =>
        {
            var status = await job.GetStatusAsync();
            return status.UnitsDone > 0 ? status : null;
        });

        // Every silo killed and Redis wiped: the job's stored record is really gone, and new silos know nothing of it.
        var clock = Stopwatch.StartNew();
        var old = cluster.Silos.Where(s => !s.HasExited).ToList();
        foreach (var silo in old)
        {
            silo.Kill();
        }

        await FlushAllAsync(cluster.Redis);
        await Task.WhenAll(old.Select(cluster.RestartAsync));
        var replaced = clock.Elapsed;
        int exit;
        try
        {
            exit = await cli.WaitForExitAsync(ExitDeadline);
        }
        catch (TimeoutException)
        {
            output.WriteLine(
                $"R11 jobs submitted 1 / completed 0 / lost 0 / wrong 0 / stuck 1: the CLI still follows job {id} " +
                $"{(clock.Elapsed - replaced).TotalSeconds:F0} s after new silos replaced the wiped cluster; its last lines:");
            output.WriteLine(string.Join('\n', cli.Output().Split('\n').TakeLast(5)));
            throw;
        }

        var exited = clock.Elapsed;
        var said = cli.Output().Split('\n').LastOrDefault(l => l.Contains("error:", StringComparison.Ordinal))?.Trim() ?? "(nothing)";
        output.WriteLine(
            $"R11 hashchain at {before.UnitsDone}/{before.UnitsTotal} steps; kill -9 of 3 silos, FLUSHALL, 3 new silos active " +
            $"{replaced.TotalSeconds:F2} s after the kill; the CLI exited with {exit} {(exited - replaced).TotalSeconds:F2} s later " +
            $"({exited.TotalSeconds:F2} s after the kill)");
        output.WriteLine($"R11 it said: {said}");
        output.WriteLine("R11 jobs submitted 1 / completed 0 / lost 1 (its record wiped: reported lost by id) / wrong 0 / stuck 0");

        Assert.Equal(ExitCodes.JobLost, exit);
        Assert.Contains($"job {id} is lost", said, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task R12_KillingTheRegistrysSiloAsAJobIsCancelledStillListsTheJobAsCancelled()
    {
        await using var cluster = await FaultCluster.StartAsync();
        var registry = cluster.Client.GetGrain<IJobRegistryGrain>(IJobRegistryGrain.Key);
        _ = await registry.ListAsync();
        var registrySilo = await cluster.WhereIsAsync(registry)
            ?? throw new InvalidOperationException("the job registry is not active after a call");
        var parameters = new Dictionary<string, string> { ["seed"] = "6c697374", ["steps"] = "2000000000" };

        // A job coordinated elsewhere than the registry: its end must be recorded across the silo that dies.
        var submitted = new List<WatchedJob>();
        WatchedJob? job = null;
        while (job is null && submitted.Count < 8)
        {
            var next = await WatchedJob.SubmitAsync(cluster, "hashchain", parameters, JobMode.Pinned, 1);
            submitted.Add(next);
            var coordinator = await cluster.WhereIsAsync(next.Grain);
            if (coordinator is not null && coordinator != registrySilo)
            {
                job = next;
            }
        }

        Assert.True(job is not null, $"none of {submitted.Count} jobs was coordinated away from the registry's silo {registrySilo.Name}");
        foreach (var other in submitted.Where(j => j != job))
        {
            await other.Grain.CancelAsync("R12: not the job under test");
        }

        await job.WaitForUnitsAsync(1, Deadline);
        var clock = Stopwatch.StartNew();
        registrySilo.Kill();
        // A call the client sent through the dead silo's gateway gets no answer (Orleans waits out its response
        // timeout): the cancel, idempotent, is repeated as a user would, each try bounded. What is tested is the list.
        var tries = 0;
        var cancelled = await Poll.UntilAsync("the cancel to be answered", Deadline, async () =>
        {
            tries++;
            try
            {
                return await job.Grain.CancelAsync("R12: cancelled as the registry's silo died").WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception e) when (e is TimeoutException or OrleansException)
            {
                output.WriteLine($"R12 cancel try {tries} failed after {clock.Elapsed.TotalSeconds:F1} s: {e.GetType().Name}");
                return null;
            }
        });
        var cancelledAt = clock.Elapsed;
        Assert.Equal(JobState.Cancelled, cancelled.State);

        JobSummary? listed = null;
        try
        {
            listed = await Poll.UntilAsync($"the job list to show job {job.Id} cancelled", ListDeadline, async () =>
            {
                try
                {
                    var jobs = await registry.ListAsync().WaitAsync(TimeSpan.FromSeconds(2));
                    listed = jobs.FirstOrDefault(j => j.JobId == job.Id);
                    return listed is { State: JobState.Cancelled } ? listed : null;
                }
                catch (Exception e) when (e is TimeoutException or OrleansException)
                {
                    return null;
                }
            });
        }
        catch (TimeoutException)
        {
            output.WriteLine(
                $"R12 jobs submitted {submitted.Count} / cancelled 1 / lost 0 / wrong 0 / stuck 1: job {job.Id} says {cancelled.State}, the list says " +
                $"{listed?.State.ToString() ?? "nothing"} {ListDeadline.TotalSeconds:F0} s after the cancel");
            output.WriteLine(FaultCluster.Story(cluster, job.Id));
            throw;
        }

        var shown = clock.Elapsed;
        using var cli = CliProcess.Start(cluster, "jobs", "list", "--json");
        var exit = await cli.WaitForExitAsync(Deadline);
        var state = CliListedState(cli.Output(), job.Id);
        output.WriteLine(
            $"R12 kill -9 of the registry's silo {registrySilo.Name} (pid {registrySilo.Pid}); job {job.Id} (coordinated elsewhere) cancelled " +
            $"{cancelledAt.TotalSeconds:F2} s after the kill ({tries} tries); listed Cancelled {shown.TotalSeconds:F2} s after the kill; " +
            $"`jobs list` (rc {exit}) says {state}");
        output.WriteLine($"R12 jobs submitted {submitted.Count} / completed 0 / cancelled {submitted.Count} / lost 0 / wrong 0 / stuck 0");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(JobState.Cancelled, state);
    }

    [SkippableFact]
    public async Task ASubmissionDuringARedisPauseIsRetriedWithTheSameIdAndAcceptedOnce()
    {
        await using var cluster = await FaultCluster.StartAsync();
        var redisPid = await RedisPidAsync(cluster.Redis);
        var clock = Stopwatch.StartNew();
        Signals.Send(redisPid, "STOP");
        string printed;
        int exit;
        TimeSpan exited;
        try
        {
            // Through a gateway, not Redis: the client connects while storage is frozen, and its submission meets it.
            using var cli = CliProcess.StartThroughGateway(
                cluster, cluster.Silos[1], "run", "montecarlo", "--set", "samples=1e7", "--set", "tasks=4", "--detach", "--json");
            await Poll.UntilAsync($"{Pause.TotalSeconds:F0} s of Redis paused", Deadline, () => Task.FromResult(clock.Elapsed > Pause ? "over" : null));
            Signals.Send(redisPid, "CONT");
            exit = await cli.WaitForExitAsync(Deadline);
            exited = clock.Elapsed;
            printed = cli.Output();
        }
        finally
        {
            Signals.Send(redisPid, "CONT");
        }

        Assert.True(exit == ExitCodes.Success, $"rc {exit}:\n{printed}");
        using var document = JsonDocument.Parse(printed[printed.IndexOf('{', StringComparison.Ordinal)..]);
        var id = document.RootElement.GetProperty("jobId").GetString()!;
        var status = await Poll.UntilAsync($"job {id} to finish", Deadline, async () =>
        {
            try
            {
                var s = await cluster.Client.GetGrain<IJobGrain>(id).GetStatusAsync().WaitAsync(TimeSpan.FromSeconds(5));
                return s.IsFinished ? s : null;
            }
            catch (Exception e) when (e is TimeoutException or OrleansException)
            {
                return null;
            }
        });
        var listed = (await cluster.Client.GetGrain<IJobRegistryGrain>(IJobRegistryGrain.Key).ListAsync()).Count(j => j.JobId == id);
        var repeated = printed.Split('\n').FirstOrDefault(l => l.Contains("accepted after", StringComparison.Ordinal))?.Trim() ?? "(accepted at the first try)";
        output.WriteLine(
            $"CLI submit during a Redis SIGSTOP of {Pause.TotalSeconds:F0} s: rc {exit} {exited.TotalSeconds:F2} s after the stop; job {id} {status.State}, " +
            $"listed {listed} time(s); the CLI said: {repeated}");

        Assert.Equal(JobState.Completed, status.State);
        Assert.Equal(1, listed);
        Assert.Contains("accepted after", printed, StringComparison.Ordinal);
    }

    /// <summary>The state <c>serialcluster jobs list --json</c> printed for <paramref name="jobId"/>.</summary>
    private static JobState? CliListedState(string printed, string jobId)
    {
        using var document = JsonDocument.Parse(printed[printed.IndexOf('{', StringComparison.Ordinal)..]);
        foreach (var job in document.RootElement.GetProperty("jobs").EnumerateArray())
        {
            if (job.GetProperty("jobId").GetString() == jobId)
            {
                var state = job.GetProperty("state");
                return state.ValueKind == JsonValueKind.Number ? (JobState)state.GetInt32() : Enum.Parse<JobState>(state.GetString()!, ignoreCase: true);
            }
        }

        return null;
    }

    /// <summary>The PID of the test's own redis-server, as it reports it (INFO server).</summary>
    private static async Task<int> RedisPidAsync(RedisServer redis)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync($"{redis.ConnectionString},allowAdmin=true");
        var info = await connection.GetServer(redis.ConnectionString).InfoAsync("server");
        return int.Parse(info.SelectMany(g => g).First(p => p.Key == "process_id").Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>FLUSHALL on the test's own redis-server: every key of every database gone, as after a restart without persistence.</summary>
    private static async Task FlushAllAsync(RedisServer redis)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync($"{redis.ConnectionString},allowAdmin=true");
        await connection.GetServer(redis.ConnectionString).FlushAllDatabasesAsync();
    }

    [GeneratedRegex(@"job (j-[0-9a-f]{12}) accepted")]
    private static partial Regex AcceptedLine();
}
