using System.Diagnostics;
using System.Text.Json.Nodes;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Workloads.Plans;
using Xunit.Abstractions;

namespace SerialCluster.Grains.Tests.Jobs;

[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class JobGrainTests(ClusterFixture fixture, ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> MonteCarlo12 = new() { ["samples"] = "3000000", ["tasks"] = "12", ["seed"] = "3" };

    [Fact]
    public async Task HashChainOfOneStepIsSha256OfAbc()
    {
        var status = await JobDriver.RunCompletedAsync(
            fixture.Client,
            "hashchain",
            new Dictionary<string, string> { ["seed"] = "616263", ["steps"] = "1" },
            JobMode.Scatter,
            0);
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", JsonNode.Parse(status.ResultJson!)!["digest"]!.GetValue<string>());
    }

    [Fact]
    public async Task ScatterSpreadsTasksOverEverySilo()
    {
        var status = await JobDriver.RunCompletedAsync(fixture.Client, "montecarlo", MonteCarlo12, JobMode.Scatter, ClusterFixture.SiloCount);
        Assert.Equal(ClusterFixture.SiloCount, status.Profile!.Silos.Count);
        Assert.Equal(12, status.Profile.Silos.Values.Sum());
        // A freed slot is refilled on the least-loaded silo, so faster silos take more; every silo takes some.
        Assert.All(status.Profile.Silos.Values, count => Assert.InRange(count, 1, 10));
    }

    [Fact]
    public async Task PinnedKeepsTheWholeJobOnOneSilo()
    {
        var status = await JobDriver.RunCompletedAsync(fixture.Client, "montecarlo", MonteCarlo12, JobMode.Pinned, 0);
        var silo = Assert.Single(status.Profile!.Silos);
        Assert.Equal(12, silo.Value);
        Assert.Equal(silo.Key, status.Profile.SerialSilo);
    }

    [Fact]
    public async Task ChainStagesRunOnTheSerialSiloInScatterMode()
    {
        var status = await JobDriver.RunCompletedAsync(fixture.Client, "hashchain", new Dictionary<string, string> { ["steps"] = "1000" }, JobMode.Scatter, 3);
        var silo = Assert.Single(status.Profile!.Silos);
        Assert.Equal(silo.Key, status.Profile.SerialSilo);
    }

    public static TheoryData<string> Workloads() => [.. WorkloadCatalog.All.Select(w => w.Name)];

    [Theory]
    [MemberData(nameof(Workloads))]
    public async Task ResultsAreIdenticalInEveryModeAndAtEveryParallelism(string name)
    {
        var example = WorkloadCatalog.Get(name).Example;
        var pinned = await JobDriver.RunCompletedAsync(fixture.Client, name, example, JobMode.Pinned, 0);
        foreach (var parallelism in new[] { 1, 2, 3, 7 })
        {
            var scattered = await JobDriver.RunCompletedAsync(fixture.Client, name, example, JobMode.Scatter, parallelism);
            Assert.Equal(pinned.ResultJson, scattered.ResultJson);
        }
    }

    [Fact]
    public async Task ProfileIsConsistentForEqualTasks()
    {
        var status = await JobDriver.RunCompletedAsync(
            fixture.Client,
            "montecarlo",
            new Dictionary<string, string> { ["samples"] = "32000000", ["tasks"] = "8" },
            JobMode.Scatter,
            1);
        var p = status.Profile!;
        output.WriteLine(
            $"wall {p.WallSeconds:F4} work {p.WorkSeconds:F4} span {p.SpanSeconds:F4} parallelism {p.Parallelism:F2} overhead {p.OverheadSeconds:F4}");
        Assert.True(p.SpanSeconds <= p.WallSeconds, "span ≤ wall");
        Assert.True(p.WorkSeconds >= p.SpanSeconds, "work ≥ span");
        // n equal tasks: work/span ≈ n and never above it; the lower bound leaves room for a task preempted
        // on a loaded machine (these machines are shared), not for a wrong definition (which gives 1 or n²).
        Assert.InRange(p.Parallelism, 8 * 0.25, 8.0);
        Assert.Equal(8, p.Tasks);
        Assert.Equal(1, p.Stages);
        Assert.Equal(32_000_000, p.Work);
        Assert.Equal(4_000_000, p.Span);
        Assert.Equal(p.WallSeconds - p.SpanSeconds, p.OverheadSeconds, 9);
        Assert.Equal(1, p.ParallelismCap);
        Assert.Equal(status.UnitsTotal, status.UnitsDone);
        // The coordinator read the cluster's machines as the job started and ended, so a later verdict can weigh their load.
        Assert.True(p.MachineCores >= 1, $"machine cores {p.MachineCores}");
        Assert.All(new[] { p.ForeignCoresBefore, p.ForeignCoresAfter }.OfType<double>(), f => Assert.InRange(f, 0, p.MachineCores!.Value));
    }

    [Fact]
    public async Task StatusAnswersWhileALongChainRuns()
    {
        var job = fixture.Client.GetGrain<IJobGrain>("t-" + Guid.NewGuid().ToString("N"));
        // Long enough for many batches (tens of millions of steps take seconds even on the native path).
        await job.SubmitAsync(new JobSpec("hashchain", new() { ["steps"] = "30000000" }, JobMode.Pinned, 0));
        var answers = new List<(JobStatus Status, double Milliseconds)>();
        var deadline = Stopwatch.StartNew();
        JobStatus status;
        do
        {
            var call = Stopwatch.StartNew();
            status = await job.GetStatusAsync();
            answers.Add((status, call.Elapsed.TotalMilliseconds));
            Assert.True(deadline.Elapsed < JobDriver.Deadline, "the chain did not finish within the deadline");
            await Task.Delay(50);
        }
        while (!status.IsFinished);

        var running = answers.Where(a => a.Status.State == JobState.Running).ToList();
        var latencies = running.Select(a => a.Milliseconds).Order().ToList();
        output.WriteLine($"{running.Count} status answers while running; latency p50 {latencies[latencies.Count / 2]:F2} ms, max {latencies[^1]:F2} ms");
        Assert.Equal(JobState.Completed, status.State);
        // Answers arrived during the chain, and they showed it progressing between batches.
        Assert.True(running.Count >= 3, $"only {running.Count} answers arrived while the chain ran");
        var distinctProgress = running.Select(a => a.Status.UnitsDone).Distinct().Count();
        Assert.True(distinctProgress >= 2, "status showed no progress while the chain ran");
    }

    [Fact]
    public async Task UnknownWorkloadIsRejectedBeforeAnyWork()
    {
        var status = await JobDriver.RunAsync(fixture.Client, "nosuch", new Dictionary<string, string>(), JobMode.Scatter, 0);
        Assert.Equal(JobState.Rejected, status.State);
        Assert.Contains("unknown workload 'nosuch'", status.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutOfRangeParameterIsRejectedNamingIt()
    {
        var status = await JobDriver.RunAsync(fixture.Client, "hashchain", new Dictionary<string, string> { ["steps"] = "0" }, JobMode.Scatter, 0);
        Assert.Equal(JobState.Rejected, status.State);
        Assert.Contains("'steps' = '0'", status.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NegativeParallelismIsRejected()
    {
        var status = await JobDriver.RunAsync(fixture.Client, "hashchain", new Dictionary<string, string>(), JobMode.Scatter, -1);
        Assert.Equal(JobState.Rejected, status.State);
        Assert.Contains("parallelism -1", status.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResubmittingTheSameSpecReturnsTheSameJobAndADifferentOneIsRefused()
    {
        var job = fixture.Client.GetGrain<IJobGrain>("t-" + Guid.NewGuid().ToString("N"));
        var spec = new JobSpec("hashchain", new() { ["steps"] = "10" }, JobMode.Pinned, 0);
        var first = await job.SubmitAsync(spec);
        var again = await job.SubmitAsync(spec with { Parameters = new() { ["steps"] = "10" } });
        var other = await job.SubmitAsync(spec with { Parameters = new() { ["steps"] = "11" } });
        Assert.NotEqual(JobState.Rejected, first.State);
        Assert.NotEqual(JobState.Rejected, again.State);
        Assert.Equal(JobState.Rejected, other.State);
    }

    [Fact]
    public async Task UnknownJobIdReportsUnknown()
    {
        var status = await fixture.Client.GetGrain<IJobGrain>("t-never-submitted").GetStatusAsync();
        Assert.Equal(JobState.Unknown, status.State);
    }

    [Fact]
    public async Task FinishedJobSurvivesItsCoordinatorsDeactivation()
    {
        var jobId = "t-" + Guid.NewGuid().ToString("N");
        var job = fixture.Client.GetGrain<IJobGrain>(jobId);
        await job.SubmitAsync(new JobSpec("hashchain", new() { ["seed"] = "616263", ["steps"] = "1000" }, JobMode.Pinned, 0));
        var status = await job.GetStatusAsync();
        var deadline = Stopwatch.StartNew();
        while (!status.IsFinished)
        {
            Assert.True(deadline.Elapsed < JobDriver.Deadline, "the job did not finish within the deadline");
            await Task.Delay(20);
            status = await job.GetStatusAsync();
        }

        await fixture.Cluster.DeactivateAsync(job);
        var reread = await fixture.Client.GetGrain<IJobGrain>(jobId).GetStatusAsync();
        Assert.Equal(JobState.Completed, reread.State);
        Assert.Equal(status.ResultJson, reread.ResultJson);
        Assert.Equal(status.Profile!.WallSeconds, reread.Profile!.WallSeconds);
        Assert.Equal(reread.UnitsTotal, reread.UnitsDone);
        Assert.Contains("fc8a6b86a13f71cd9a67f558ab6fd82a3dd89186163a017ed8051acf6d3f8f99", reread.ResultJson, StringComparison.Ordinal);
    }
}
