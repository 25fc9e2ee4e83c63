using System.Diagnostics;
using System.Globalization;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SerialCluster.Integration.Tests.Reliability;

/// <summary>R5 of docs/RELIABILITY.md: a silo frozen (SIGSTOP) past failure detection, then thawed (SIGCONT).</summary>
[Trait("Category", "Integration")]
[Trait("Category", "Reliability")]
[Collection(ProcessCollection.Name)]
public sealed class StaleSiloTests(ITestOutputHelper output)
{
    private const string Refused = "stale write refused";

    [SkippableFact]
    public async Task R5_AFrozenSiloThatComesBackHasItsStaleWritesRefusedAndTheResultStaysRight()
    {
        const long K = 100_000;
        // Long enough (≈ 2.5 s of hashing on an idle core) that the chain still runs while the test finds its silo.
        var parameters = new Dictionary<string, string> { ["seed"] = "7374616c65", ["steps"] = "40000000" };
        var reference = FaultTests.Reference("hashchain", parameters);
        await using var cluster = await FaultCluster.StartAsync(
            [.. SiloProcess.Setting("Reliability:CheckpointSteps", K.ToString(CultureInfo.InvariantCulture))]);
        var job = await WatchedJob.SubmitAsync(cluster, "hashchain", parameters, JobMode.Pinned, 1);
        await job.WaitForUnitsAsync(1_500_000, FaultCluster.Deadline);
        var (victim, chain) = await FaultTests.FindChainSiloAsync(cluster, job.Id);
        var before = await chain.GetStepsDoneAsync();
        var clock = Stopwatch.StartNew();
        victim.Freeze();
        TimeSpan detection, recovery;
        try
        {
            detection = await FaultCluster.WaitUntilDeclaredDeadAsync(cluster, victim, clock);
            recovery = await job.WaitForProgressBeyondAsync(before, clock, FaultCluster.Deadline);
        }
        finally
        {
            victim.Continue();
        }

        var thawed = clock.Elapsed;
        // Thawed, the stale chain finishes its batch and tries to checkpoint; then the silo learns it was declared dead and exits.
        var exit = await victim.WaitForExitAsync(FaultCluster.Deadline);
        var refusals = victim.Output().Split('\n').Count(
            l => l.Contains(Refused, StringComparison.Ordinal) || l.Contains("another coordinator of job", StringComparison.Ordinal));
        var status = await job.WaitForEndAsync(FaultCluster.Deadline);
        var reliability = await job.Grain.GetReliabilityAsync();

        output.WriteLine(
            $"R5 hashchain 40M steps, K={K}; SIGSTOP {victim.Name} (pid {victim.Pid}) at {before} steps; declared dead {detection.TotalSeconds:F2} s later; " +
            $"chain progressing elsewhere {recovery.TotalSeconds:F2} s after the stop; SIGCONT at {thawed.TotalSeconds:F2} s");
        output.WriteLine(
            $"R5 the thawed silo exited with {exit} {(clock.Elapsed - thawed).TotalSeconds:F2} s after SIGCONT; its stale writes refused: {refusals}; job " +
            $"{status.State}, result {(status.ResultJson == reference ? "equals" : "DIFFERS FROM")} the reference; resumed from " +
            $"{string.Join(", ", reliability.ResumedFromSteps)}; coordinator runs {reliability.CoordinatorRuns}");

        Assert.True(status.State == JobState.Completed, $"{status.State}: {status.Error}");
        Assert.Equal(reference, status.ResultJson);
        Assert.Contains(reliability.ResumedFromSteps, s => s > 0);
    }
}
