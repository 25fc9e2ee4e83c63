using System.Diagnostics;
using System.Globalization;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SerialCluster.Integration.Tests.Reliability;

/// <summary>
/// R13 of docs/RELIABILITY.md: kill -9 two of three silos (the chain's and the coordinator's) while a chain runs. The
/// lone survivor must declare both dead by itself, resume the job and finish it with the reference result; then the two
/// silos start again and join it. The recovery time is the point of this test, so it is asserted (with a wide margin).
/// </summary>
[Trait("Category", "Integration")]
[Trait("Category", "Reliability")]
[Collection(ProcessCollection.Name)]
public sealed class MajorityLossTests(ITestOutputHelper output)
{
    /// <summary>Far above the few seconds the survivor needs, far below Orleans' default staleness of 60–90 s.</summary>
    private static readonly TimeSpan MostDetection = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task R13_KillingTwoOfThreeSilosLeavesTheSurvivorToDeclareThemDeadAndFinishTheJob()
    {
        const long K = 400_000;
        const long Steps = 120_000_000;
        var parameters = new Dictionary<string, string> { ["seed"] = "6d616a6f72697479", ["steps"] = Steps.ToString(CultureInfo.InvariantCulture) };
        var reference = FaultTests.Reference("hashchain", parameters);
        await using var cluster = await FaultCluster.StartAsync(
            [.. SiloProcess.Setting("Reliability:CheckpointSteps", K.ToString(CultureInfo.InvariantCulture))]);
        var job = await WatchedJob.SubmitAsync(cluster, "hashchain", parameters, JobMode.Pinned, 1);
        await job.WaitForUnitsAsync(Steps / 20, FaultCluster.Deadline);
        var (chainSilo, chain) = await FaultTests.FindChainSiloAsync(cluster, job.Id);
        var coordinator = await cluster.WhereIsAsync(job.Grain);
        var second = coordinator is { } c && c != chainSilo ? c : cluster.Silos.First(s => !s.HasExited && s != chainSilo);
        SiloProcess[] victims = [chainSilo, second];
        var survivor = cluster.Silos.Single(s => !s.HasExited && !victims.Contains(s));
        var before = await chain.GetStepsDoneAsync();
        var clock = Stopwatch.StartNew();
        foreach (var victim in victims)
        {
            victim.Kill();
        }

        TimeSpan[] detections;
        TimeSpan recovery;
        JobStatus status;
        try
        {
            detections = await Task.WhenAll(victims.Select(v => FaultCluster.WaitUntilDeclaredDeadAsync(cluster, v, clock)));
            recovery = await job.WaitForProgressBeyondAsync(before, clock, FaultCluster.Deadline);
            status = await job.WaitForEndAsync(FaultCluster.Deadline);
        }
        catch
        {
            output.WriteLine($"R13 killed {string.Join(", ", victims.Select(v => $"{v.Name} (pid {v.Pid})"))} at {before} steps; survivor {survivor.Name}");
            output.WriteLine(FaultCluster.Story(cluster, job.Id));
            throw;
        }

        var finished = clock.Elapsed;
        var reliability = await job.Grain.GetReliabilityAsync();
        var errorsWhileDown = job.Errors.Count;
        var slowWhileDown = job.SlowCalls;
        var rejoin = Stopwatch.StartNew();
        await Task.WhenAll(victims.Select(cluster.RestartAsync));
        await cluster.WaitForActiveSilosAsync(FaultCluster.Names);
        var rejoined = rejoin.Elapsed;

        output.WriteLine(
            $"R13 hashchain {Steps} steps, K={K}; kill -9 {string.Join(" and ", victims.Select(v => $"{v.Name} (pid {v.Pid})"))} (chain's silo " +
            $"{chainSilo.Name}, coordinator's {coordinator?.Name ?? "unknown"}) at {before} steps; survivor {survivor.Name}");
        output.WriteLine(
            $"R13 declared dead {string.Join(" and ", detections.Select(d => $"{d.TotalSeconds:F2} s"))} after the kill; progress beyond the kill " +
            $"{recovery.TotalSeconds:F2} s after it; job {status.State} {finished.TotalSeconds:F2} s after it, result " +
            $"{(status.ResultJson == reference ? "equals" : "DIFFERS FROM")} the reference; resumed from {string.Join(", ", reliability.ResumedFromSteps)}; " +
            $"coordinator runs {reliability.CoordinatorRuns}");
        output.WriteLine(
            $"R13 jobs submitted 1 / completed {(status.State == JobState.Completed ? 1 : 0)} / lost 0 / wrong {(status.ResultJson == reference ? 0 : 1)} / " +
            $"stuck 0; client status polls meanwhile: failed {errorsWhileDown}, slower than 1 s {slowWhileDown}; both silos restarted and active again " +
            $"{rejoined.TotalSeconds:F2} s after their restart");

        // The survivor's own account of the votes, when the detection was slow (or on request).
        if (detections.Any(d => d > MostDetection / 3) || Environment.GetEnvironmentVariable("SERIALCLUSTER_R13_LOG") == "1")
        {
            string[] words = ["evict", "suspect", "dead", "probe", "vote"];
            output.WriteLine(string.Join('\n', survivor.Output().Split('\n')
                .Where(l => words.Any(w => l.Contains(w, StringComparison.OrdinalIgnoreCase))).Take(80)));
        }

        Assert.True(status.State == JobState.Completed, $"{status.State}: {status.Error}");
        Assert.Equal(reference, status.ResultJson);
        Assert.All(detections, d => Assert.True(
            d < MostDetection,
            $"the survivor took {d.TotalSeconds:F1} s to declare a killed silo dead (most allowed {MostDetection.TotalSeconds:F0} s)"));
        Assert.Contains(reliability.ResumedFromSteps, s => s > 0);
    }
}
