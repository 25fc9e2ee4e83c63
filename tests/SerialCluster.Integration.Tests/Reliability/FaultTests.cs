using System.Diagnostics;
using System.Globalization;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Grains.Placement;
using SerialCluster.Integration.Tests.Infrastructure;
using SerialCluster.Workloads.Execution;
using SerialCluster.Workloads.Plans;
using Xunit.Abstractions;

namespace SerialCluster.Integration.Tests.Reliability;

/// <summary>
/// R1, R2, R4, R6 of docs/RELIABILITY.md: real silo processes on a real redis-server, killed (kill -9), stopped
/// gracefully (SIGTERM) or all restarted by PID while jobs run. Each test prints its figures; none asserts a time.
/// </summary>
[Trait("Category", "Integration")]
[Trait("Category", "Reliability")]
[Collection(ProcessCollection.Name)]
public sealed class FaultTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = FaultCluster.Deadline;

    [SkippableFact]
    public async Task R1_KillingOneOfThreeSilosDuringATenThousandTaskScatterLosesNoTaskAndCommitsEachOnce()
    {
        const int Tasks = 10_000;
        var parameters = new Dictionary<string, string>
        {
            ["samples"] = "400000000",
            ["tasks"] = Tasks.ToString(CultureInfo.InvariantCulture),
            ["seed"] = "11",
        };
        var reference = Reference("montecarlo", parameters);
        await using var cluster = await FaultCluster.StartAsync();
        var job = await WatchedJob.SubmitAsync(cluster, "montecarlo", parameters, JobMode.Scatter, 12);
        await job.WaitForUnitsAsync(job.Last!.UnitsTotal / 4, Deadline);
        var coordinator = await cluster.WhereIsAsync(job.Grain);
        var victim = cluster.Silos.First(s => !s.HasExited && s != coordinator);
        var unitsAtKill = job.MaxUnitsSeen;
        var clock = Stopwatch.StartNew();
        victim.Kill();
        // Where the coordinator could not be located, the victim may be its silo: then a new coordinator resumes instead.
        var retried = Poll.UntilAsync("the job to send a task again or a new coordinator to resume it", Deadline, async () =>
        {
            var r = await job.TryReliabilityAsync();
            // Polled here too: a job that ends before anything needs sending again must end this wait, not time it out.
            var s = await job.PollAsync();
            return r is { TasksRetried: > 0 } or { CoordinatorRuns: > 1 } || s is { IsFinished: true } ? (object)clock.Elapsed : null;
        });
        TimeSpan detection, recovery;
        JobStatus status;
        try
        {
            detection = await FaultCluster.WaitUntilDeclaredDeadAsync(cluster, victim, clock);
            recovery = (TimeSpan)await retried;
            status = await job.WaitForEndAsync(Deadline);
        }
        catch
        {
            output.WriteLine(
                $"R1 killed {victim.Name} (pid {victim.Pid}) at {unitsAtKill} units; last status {job.Last?.State} " +
                $"{job.Last?.UnitsDone}/{job.Last?.UnitsTotal}; reliability {await job.TryReliabilityAsync()}");
            output.WriteLine(FaultCluster.Story(cluster, job.Id));
            throw;
        }

        var total = clock.Elapsed;
        var reliability = await job.Grain.GetReliabilityAsync();

        output.WriteLine(
            $"R1 montecarlo {Tasks} tasks, P=12, 3 silos; killed {victim.Name} (pid {victim.Pid}, coordinator on {coordinator?.Name}) at " +
            $"{unitsAtKill}/{status.UnitsTotal} samples");
        output.WriteLine(
            $"R1 detection {detection.TotalSeconds:F2} s (kill -> declared dead); recovery {recovery.TotalSeconds:F2} s (kill -> first task sent again); job " +
            $"done {total.TotalSeconds:F2} s after the kill");
        output.WriteLine(
            $"R1 tasks committed {reliability.TasksCommitted} of {Tasks}; lost {Tasks - reliability.TasksCommitted}; retried {reliability.TasksRetried}; " +
            $"late duplicates discarded {reliability.DuplicatesDiscarded}; committed twice 0 (ledger); coordinator runs {reliability.CoordinatorRuns}; " +
            $"client errors {job.Errors.Count}");
        output.WriteLine($"R1 worker calls {status.Profile!.StageProfiles.Sum(s => s.Calls)} for {Tasks} tasks (fewer: the stage went in batches)");

        Assert.True(status.State == JobState.Completed, $"{status.State}: {status.Error}");
        Assert.Equal(reference, status.ResultJson);
        Assert.Equal(Tasks, reliability.TasksCommitted);
        Assert.Equal(Tasks, status.Profile!.Silos.Values.Sum());
        Assert.True(reliability.TasksRetried > 0 || reliability.CoordinatorRuns > 1, "the killed silo's tasks were never sent again");
    }

    [SkippableFact]
    public async Task R2_KillingTheChainsSiloFiveTimesRecomputesAtMostKStepsPerKillAndGivesTheReference()
    {
        const long K = 400_000;
        // Long enough that five kill-and-restart cycles (each a few seconds, the chain running meanwhile at ~10⁷ steps/s
        // on an idle core) always land before it ends.
        const long Steps = 160_000_000;
        const int Kills = 5;
        var parameters = new Dictionary<string, string> { ["seed"] = "72656c6961626c65", ["steps"] = Steps.ToString(CultureInfo.InvariantCulture) };
        var reference = Reference("hashchain", parameters);
        await using var cluster = await FaultCluster.StartAsync(
            [.. SiloProcess.Setting("Reliability:CheckpointSteps", K.ToString(CultureInfo.InvariantCulture))]);
        var job = await WatchedJob.SubmitAsync(cluster, "hashchain", parameters, JobMode.Pinned, 1);
        var random = new Random(2026);
        var observed = new List<long>();
        var recoveries = new List<TimeSpan>();
        var restarts = new List<Task<SiloProcess>>();
        try
        {
            for (var kill = 1; kill <= Kills; kill++)
            {
                // Three silos up before each kill: a cluster whose every silo died leaves joiners nobody to validate with.
                // Waited for first, so the chain's progress meanwhile does not eat into the moments chosen next.
                await Task.WhenAll(restarts);
                // A random moment: between 1/64 and 1/32 of the chain after the last resume.
                var target = job.MaxUnitsSeen + (long)(Steps * (1 + random.NextDouble()) / 64);
                await job.WaitForUnitsAsync(target, Deadline);
                var (victim, chain) = await FindChainSiloAsync(cluster, job.Id);
                var before = await chain.GetStepsDoneAsync();
                var clock = Stopwatch.StartNew();
                victim.Kill();
                observed.Add(before);
                restarts.Add(cluster.RestartAsync(victim));
                recoveries.Add(await job.WaitForProgressBeyondAsync(before, clock, Deadline));
                output.WriteLine(
                    $"R2 kill {kill}: {victim.Name} (pid {victim.Pid}) at >= {before} steps; progress beyond it again {recoveries[^1].TotalSeconds:F2} s " +
                    $"later");
            }
        }
        catch
        {
            output.WriteLine(FaultCluster.Story(cluster, job.Id));
            throw;
        }

        var status = await job.WaitForEndAsync(Deadline);
        await Task.WhenAll(restarts);
        var reliability = await job.Grain.GetReliabilityAsync();
        var resumes = reliability.ResumedFromSteps;
        var recomputed = observed.Zip(resumes, (at, from) => Math.Max(0, at - from)).ToList();
        output.WriteLine(
            $"R2 hashchain {Steps} steps, K={K}: resumed from {string.Join(", ", resumes)}; steps recomputed per kill (at least) " +
            $"{string.Join(", ", recomputed)}; max {recomputed.DefaultIfEmpty().Max()} (K-1 = {K - 1})");
        output.WriteLine(
            $"R2 recovery (kill -> progress beyond the steps at the kill) mean {recoveries.Average(r => r.TotalSeconds):F2} s, max " +
            $"{recoveries.Max(r => r.TotalSeconds):F2} s; coordinator runs {reliability.CoordinatorRuns}; client status polls failed {job.Errors.Count} " +
            $"(first: {job.Errors.FirstOrDefault()?[..Math.Min(90, job.Errors.First().Length)] ?? "none"}), slow {job.SlowCalls}");

        Assert.True(status.State == JobState.Completed, $"{status.State}: {status.Error}");
        Assert.Equal(reference, status.ResultJson);
        Assert.True(resumes.Count >= Kills, $"the chain resumed {resumes.Count} times after {Kills} kills");
        Assert.All(recomputed, r => Assert.True(r <= K, $"{r} steps recomputed after a kill, more than K = {K}"));
    }

    [SkippableFact]
    public async Task R4_StoppingTheCoordinatorsSiloGracefullyIsInvisibleToTheClient()
    {
        var parameters = new Dictionary<string, string> { ["serialFraction"] = "0.5", ["work"] = "6000000", ["tasks"] = "24" };
        var reference = Reference("amdahl", parameters);
        await using var cluster = await FaultCluster.StartAsync();
        var job = await WatchedJob.SubmitAsync(cluster, "amdahl", parameters, JobMode.Scatter, 6);
        await job.WaitForUnitsAsync(job.Last!.UnitsTotal / 5, Deadline);
        var coordinator = await cluster.WhereIsAsync(job.Grain)
            ?? throw new InvalidOperationException($"job {job.Id}'s coordinator is not active anywhere");
        var before = job.MaxUnitsSeen;
        var clock = Stopwatch.StartNew();
        coordinator.Terminate();
        var exitCode = await coordinator.WaitForExitAsync(Deadline);
        var exited = clock.Elapsed;
        var recovery = await job.WaitForProgressBeyondAsync(before, clock, Deadline);
        var status = await job.WaitForEndAsync(Deadline);
        var reliability = await job.Grain.GetReliabilityAsync();
        var now = await cluster.WhereIsAsync(job.Grain);

        output.WriteLine(
            $"R4 amdahl (chain + 24 tasks) scatter; SIGTERM to the coordinator's silo {coordinator.Name} (pid {coordinator.Pid}) at " +
            $"{before}/{status.UnitsTotal} steps; it exited with {exitCode} after {exited.TotalSeconds:F2} s");
        output.WriteLine(
            $"R4 progress beyond the SIGTERM point {recovery.TotalSeconds:F2} s after it; coordinator runs {reliability.CoordinatorRuns} (now on " +
            $"{now?.Name}); chain resumed from {string.Join(", ", reliability.ResumedFromSteps)}; tasks retried {reliability.TasksRetried}; client-visible " +
            $"errors {job.Errors.Count}");

        Assert.True(status.State == JobState.Completed, $"{status.State}: {status.Error}");
        Assert.Equal(reference, status.ResultJson);
        Assert.True(job.Errors.Count == 0, $"the client saw: {string.Join("; ", job.Errors)}");
    }

    [SkippableFact]
    public async Task R6_AfterTheWholeClusterRestartsFinishedJobsKeepTheirResultsAndRunningOnesResume()
    {
        var small = new Dictionary<string, string> { ["samples"] = "2000000", ["tasks"] = "8", ["seed"] = "6" };
        // Long enough that a status poll late by seconds (a loaded machine) or a graceful stop cannot see the chain finish.
        var chain = new Dictionary<string, string> { ["seed"] = "726573746172", ["steps"] = "24000000" };
        var chainReference = Reference("hashchain", chain);
        await using var cluster = await FaultCluster.StartAsync([.. SiloProcess.Setting("Reliability:CheckpointSteps", "600000")]);
        var finished = await WatchedJob.SubmitAsync(cluster, "montecarlo", small, JobMode.Scatter, 4);
        var finishedStatus = await finished.WaitForEndAsync(Deadline);
        Assert.Equal(JobState.Completed, finishedStatus.State);
        var running = await WatchedJob.SubmitAsync(cluster, "hashchain", chain, JobMode.Pinned, 1);
        await running.WaitForUnitsAsync(running.Last!.UnitsTotal / 3, Deadline);
        var before = running.MaxUnitsSeen;

        var clock = Stopwatch.StartNew();
        var old = cluster.Silos.Where(s => !s.HasExited).ToList();
        foreach (var silo in old)
        {
            silo.Terminate();
        }

        await Task.WhenAll(old.Select(s => s.WaitForExitAsync(Deadline)));
        var stopped = clock.Elapsed;
        await Task.WhenAll(old.Select(cluster.RestartAsync));
        await cluster.ReconnectAsync();
        var restarted = clock.Elapsed;

        var kept = await finished.PollAsync() ?? await finished.WaitForEndAsync(Deadline);
        var resumedAt = await running.WaitForProgressBeyondAsync(before, clock, Deadline);
        var status = await running.WaitForEndAsync(Deadline);
        var reliability = await running.Grain.GetReliabilityAsync();
        var listed = await cluster.Client.GetGrain<IJobRegistryGrain>(IJobRegistryGrain.Key).ListAsync();

        output.WriteLine(
            $"R6 3 silos stopped (SIGTERM) in {stopped.TotalSeconds:F2} s with hashchain at {before}/{status.UnitsTotal} steps; 3 new silo processes active " +
            $"and client reconnected {restarted.TotalSeconds:F2} s after the stop began");
        output.WriteLine(
            $"R6 finished job {finished.Id}: {kept.State}, result kept {kept.ResultJson == finishedStatus.ResultJson}; running job resumed (progress beyond " +
            $"{before}) {resumedAt.TotalSeconds:F2} s after the stop began, from step(s) {string.Join(", ", reliability.ResumedFromSteps)}; coordinator runs " +
            $"{reliability.CoordinatorRuns}; jobs listed {listed.Count}");

        Assert.Equal(JobState.Completed, kept.State);
        Assert.Equal(finishedStatus.ResultJson, kept.ResultJson);
        Assert.Equal(finishedStatus.Profile!.Tasks, kept.Profile!.Tasks);
        Assert.True(status.State == JobState.Completed, $"{status.State}: {status.Error}");
        Assert.Equal(chainReference, status.ResultJson);
        Assert.True(reliability.CoordinatorRuns >= 2, "the running job was not resumed by a new coordinator");
        Assert.Contains(reliability.ResumedFromSteps, s => s > 0);
        Assert.Equal(new[] { finished.Id, running.Id }.Order(), listed.Select(j => j.JobId).Order());
    }

    /// <summary>The result of an uninterrupted run of the same job in this process.</summary>
    public static string Reference(string workload, Dictionary<string, string> parameters) =>
        LocalPlanRunner.Run(WorkloadCatalog.Get(workload).Plan(parameters), parallelism: Math.Max(1, Environment.ProcessorCount)).Result.ToJsonString();

    /// <summary>
    /// The silo process where the pinned chain of <paramref name="jobId"/> is running (its key names each candidate silo;
    /// an idle activation left on another silo says 0 steps), and the chain.
    /// </summary>
    public static async Task<(SiloProcess Silo, ISerialChainGrain Chain)> FindChainSiloAsync(ProcessCluster cluster, string jobId)
    {
        var found = await Poll.UntilAsync($"the chain of job {jobId} to run on some silo", Deadline, async () =>
        {
            try
            {
                var status = await cluster.Client.GetGrain<IJobGrain>(jobId).GetStatusAsync().WaitAsync(TimeSpan.FromSeconds(2));
                Assert.False(status.IsFinished, $"job {jobId} finished ({status.State}) before its chain could be found");
                var hosts = await cluster.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(2));
                foreach (var silo in hosts.Keys)
                {
                    var chain = cluster.Client.GetGrain<ISerialChainGrain>(SiloKey.Format(silo, $"{jobId}/pinned"));
                    if (await cluster.WhereIsAsync(chain) is { } process && await chain.GetStepsDoneAsync().WaitAsync(TimeSpan.FromSeconds(2)) > 0)
                    {
                        return Tuple.Create(process, chain);
                    }
                }
            }
            catch (Exception e) when (e is TimeoutException or OrleansException)
            {
                // A silo is going or coming; look again.
            }

            return null;
        });
        return (found.Item1, found.Item2);
    }
}
