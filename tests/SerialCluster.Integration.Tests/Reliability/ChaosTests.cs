using System.Diagnostics;
using System.Globalization;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SerialCluster.Integration.Tests.Reliability;

/// <summary>
/// R3 of docs/RELIABILITY.md: jobs submitted without pause while a random silo is killed (kill -9) or frozen (SIGSTOP,
/// then SIGCONT) at intervals and restarted. CI runs a short variant; <c>SERIALCLUSTER_CHAOS_SECONDS=180</c> and
/// <c>SERIALCLUSTER_CHAOS_INTERVAL=20</c> run the documented one (scripts/reliability.sh --long).
/// </summary>
[Trait("Category", "Integration")]
[Trait("Category", "Reliability")]
[Collection(ProcessCollection.Name)]
public sealed class ChaosTests(ITestOutputHelper output)
{
    private const int InFlight = 3;

    private static readonly (string Workload, Dictionary<string, string> Parameters, JobMode Mode, int Parallelism)[] Mix =
    [
        ("montecarlo", new() { ["samples"] = "20000000", ["tasks"] = "200", ["seed"] = "3" }, JobMode.Scatter, 6),
        ("hashchain", new() { ["seed"] = "6368616f73", ["steps"] = "3000000" }, JobMode.Pinned, 1),
        ("amdahl", new() { ["serialFraction"] = "0.3", ["work"] = "2000000", ["tasks"] = "12" }, JobMode.Scatter, 4),
        ("eca", new() { ["rule"] = "110", ["steps"] = "2000", ["width"] = "65536", ["init"] = "random", ["seed"] = "5", ["strips"] = "6" }, JobMode.Scatter, 6),
    ];

    [SkippableFact]
    public async Task R3_UnderChaosEveryAcceptedJobCompletesWithTheRightResult()
    {
        var duration = TimeSpan.FromSeconds(Setting("SERIALCLUSTER_CHAOS_SECONDS", 30));
        var interval = TimeSpan.FromSeconds(Setting("SERIALCLUSTER_CHAOS_INTERVAL", 10));
        var references = Mix.Select(m => FaultTests.Reference(m.Workload, m.Parameters)).ToArray();
        await using var cluster = await FaultCluster.StartAsync([.. SiloProcess.Setting("Reliability:CheckpointSteps", "250000")]);
        var random = new Random(20261129);
        var jobs = new List<(WatchedJob Job, int Kind)>();
        var submitFailures = 0;
        var faults = new List<string>();
        var clock = Stopwatch.StartNew();
        var chaos = Task.Run(async () =>
        {
            while (clock.Elapsed + interval < duration)
            {
                await Task.Delay(interval);
                var live = cluster.Silos.Where(s => !s.HasExited).ToList();
                var victim = live[random.Next(live.Count)];
                var freeze = random.Next(2) == 0;
                var at = clock.Elapsed;
                if (freeze)
                {
                    victim.Freeze();
                    await FaultCluster.WaitUntilDeclaredDeadAsync(cluster, victim, clock);
                    victim.Continue();
                    await WaitForExitOrKillAsync(victim);
                }
                else if (!victim.HasExited)
                {
                    try
                    {
                        victim.Kill();
                    }
                    catch (InvalidOperationException) when (victim.HasExited)
                    {
                        // It exited on its own between being chosen and the signal (an evicted silo exits): dead either way.
                    }
                }

                await cluster.RestartAsync(victim);
                faults.Add($"{at.TotalSeconds:F0}s {(freeze ? "SIGSTOP" : "kill -9")} {victim.Name}, back {(clock.Elapsed - at).TotalSeconds:F0}s later");
            }
        });

        while (clock.Elapsed < duration)
        {
            if (jobs.Count(j => j.Job.Last is not { IsFinished: true }) < InFlight)
            {
                var kind = random.Next(Mix.Length);
                var (workload, parameters, mode, parallelism) = Mix[kind];
                try
                {
                    jobs.Add((await WatchedJob.SubmitAsync(cluster, workload, parameters, mode, parallelism).WaitAsync(TimeSpan.FromSeconds(10)), kind));
                }
                catch (Exception e) when (e is TimeoutException or OrleansException)
                {
                    submitFailures++; // never accepted: not a lost job
                }
            }

            foreach (var (job, _) in jobs.Where(j => j.Job.Last is not { IsFinished: true }))
            {
                await job.PollAsync();
            }

            await Task.Delay(100);
        }

        await chaos;
        var finals = new List<(JobStatus Status, int Kind)>();
        foreach (var (job, kind) in jobs)
        {
            finals.Add((await job.WaitForEndAsync(FaultCluster.Deadline), kind));
        }

        var completed = finals.Count(f => f.Status.State == JobState.Completed);
        var wrong = finals.Count(f => f.Status.State == JobState.Completed && f.Status.ResultJson != references[f.Kind]);
        var lost = finals.Count - completed;
        var resumed = 0;
        foreach (var (job, _) in jobs)
        {
            resumed += (await job.Grain.GetReliabilityAsync()).CoordinatorRuns > 1 ? 1 : 0;
        }

        output.WriteLine($"R3 chaos {duration.TotalSeconds:F0} s, a fault every {interval.TotalSeconds:F0} s: {string.Join("; ", faults)}");
        output.WriteLine(
            $"R3 jobs submitted {jobs.Count} / completed {completed} / lost {lost} / wrong {wrong}; coordinators resumed in {resumed}; submissions refused " +
            $"by a failing cluster {submitFailures}; client poll errors {jobs.Sum(j => j.Job.Errors.Count)}");
        foreach (var (status, kind) in finals.Where(f => f.Status.State != JobState.Completed || f.Status.ResultJson != references[f.Kind]))
        {
            output.WriteLine($"R3 lost or wrong: {status.JobId} ({Mix[kind].Workload}) {status.State}: {status.Error}");
            output.WriteLine(FaultCluster.Story(cluster, status.JobId));
        }

        Assert.NotEmpty(faults);
        Assert.Equal(0, lost);
        Assert.Equal(0, wrong);
    }

    private static async Task WaitForExitOrKillAsync(SiloProcess silo)
    {
        try
        {
            await silo.WaitForExitAsync(TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException)
        {
            silo.Kill();
        }
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(
            Environment.GetEnvironmentVariable(name),
            NumberStyles.Integer,
            CultureInfo.InvariantCulture,
            out var value) && value > 0 ? value : fallback;
}
