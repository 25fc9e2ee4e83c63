using System.Diagnostics;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Grains.Diagnostics;
using Xunit.Abstractions;

namespace SerialCluster.Grains.Tests.Diagnostics;

/// <summary>A job is one trace: job → stage → task / chain batch, with task spans recorded on both silos that computed them.</summary>
[Trait("Category", "Cluster")]
public sealed class TracingTests(TracingFixture fixture, ITestOutputHelper output) : IClassFixture<TracingFixture>
{
    private static readonly TimeSpan SpanDeadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AScatterJobIsOneTraceFromJobToTasksAcrossBothSilos()
    {
        var status = await JobDriver.RunCompletedAsync(
            fixture.Client, "montecarlo", new Dictionary<string, string> { ["samples"] = "400000", ["tasks"] = "8", ["seed"] = "5" }, JobMode.Scatter, 4);
        var job = await JobSpanAsync(status.JobId);
        var spans = fixture.Trace(job.TraceId);
        foreach (var span in spans)
        {
            output.WriteLine($"{span.DisplayName} span {span.SpanId} parent {span.ParentSpanId} silo {span.GetTagItem(SerialClusterActivitySource.SiloTag)}");
        }

        Assert.Equal(default, job.ParentSpanId);
        Assert.Equal("montecarlo", job.GetTagItem(SerialClusterActivitySource.WorkloadTag));
        var stage = Assert.Single(spans, s => s.DisplayName.StartsWith("stage", StringComparison.Ordinal));
        Assert.Equal(job.SpanId, stage.ParentSpanId);
        var tasks = spans.Where(s => s.DisplayName == "task").ToList();
        Assert.Equal(8, tasks.Count);
        Assert.All(tasks, t => Assert.Equal(stage.SpanId, t.ParentSpanId));
        Assert.Equal(Enumerable.Range(0, 8), tasks.Select(t => (int)t.GetTagItem(SerialClusterActivitySource.TaskTag)!).Order());

        // The tasks ran on both silos, as the profile says, and each span says where it ran.
        var taskSilos = tasks.Select(t => (string)t.GetTagItem(SerialClusterActivitySource.SiloTag)!).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(TracingFixture.SiloCount, taskSilos.Count);
        Assert.Equal(status.Profile!.Silos.Keys.Order(StringComparer.Ordinal), taskSilos);
        Assert.Equal(status.Profile.WallSeconds, (double)job.GetTagItem(SerialClusterActivitySource.WallSecondsTag)!);
    }

    [Fact]
    public async Task AChainStageRecordsItsBatchesUnderTheStage()
    {
        var status = await JobDriver.RunCompletedAsync(
            fixture.Client, "hashchain", new Dictionary<string, string> { ["steps"] = "20000" }, JobMode.Scatter, 2);
        var job = await JobSpanAsync(status.JobId);
        var spans = fixture.Trace(job.TraceId);
        var stage = Assert.Single(spans, s => s.DisplayName == "stage chain");
        var batches = spans.Where(s => s.DisplayName == "chain batch").ToList();
        Assert.NotEmpty(batches);
        Assert.All(batches, b => Assert.Equal(stage.SpanId, b.ParentSpanId));
        // A short chain: every batch has its span (ChainBatchSpans samples only after the first 50).
        Assert.True(batches.Count <= ChainBatchSpans.EveryBatchUpTo, $"{batches.Count} batches");
        Assert.Equal(20000L, batches.Sum(b => (long)b.GetTagItem(SerialClusterActivitySource.StepsTag)!));
        Assert.Equal(
            Enumerable.Range(0, batches.Count).Select(i => (long)i),
            batches.Select(b => (long)b.GetTagItem(SerialClusterActivitySource.BatchTag)!).Order());
        Assert.All(batches, b => Assert.Equal(status.Profile!.SerialSilo, b.GetTagItem(SerialClusterActivitySource.SiloTag)));
    }

    [Fact]
    public async Task APinnedJobIsOneSpanOnTheSerialSilo()
    {
        var status = await JobDriver.RunCompletedAsync(
            fixture.Client, "hashchain", new Dictionary<string, string> { ["steps"] = "5000" }, JobMode.Pinned, 0);
        var job = await JobSpanAsync(status.JobId);
        var pinned = Assert.Single(fixture.Trace(job.TraceId), s => s.DisplayName == "pinned");
        Assert.Equal(job.SpanId, pinned.ParentSpanId);
        Assert.Equal(status.Profile!.SerialSilo, pinned.GetTagItem(SerialClusterActivitySource.SiloTag));
    }

    [Fact]
    public async Task AJobSubmittedUnderAClientsSpanJoinsItsTrace()
    {
        // What a client's Orleans propagation puts in the request context when the client traces its calls.
        var clientTrace = ActivityTraceId.CreateRandom();
        var clientSpan = ActivitySpanId.CreateRandom();
        RequestContext.Set(SerialClusterActivitySource.TraceParent, $"00-{clientTrace}-{clientSpan}-01");
        try
        {
            var status = await JobDriver.RunCompletedAsync(
                fixture.Client, "montecarlo", new Dictionary<string, string> { ["samples"] = "100000", ["tasks"] = "2", ["seed"] = "1" }, JobMode.Scatter, 2);
            var job = await JobSpanAsync(status.JobId);
            Assert.Equal(clientTrace, job.TraceId);
            Assert.Equal(clientSpan, job.ParentSpanId);
            Assert.Equal(2, fixture.Trace(clientTrace).Count(s => s.DisplayName == "task"));
        }
        finally
        {
            RequestContext.Clear();
        }
    }

    [Fact]
    public async Task ASweepSetsTheGaugesOnTheSiloItReachesAndAnUnknownWorkloadIsRefused()
    {
        var silo = await fixture.Client.GetGrain<ITelemetryGrain>("eca").PublishSweepAsync("ECA", 1.9, 64, 0.03, 2);
        Assert.StartsWith("Silo_", silo, StringComparison.Ordinal);
        Assert.Equal(1.9, SerialClusterMetrics.LastJobSpeedup.WithLabels("eca").Value);
        Assert.Equal(0.03, SerialClusterMetrics.LastJobSerialFraction.WithLabels("eca").Value);

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            fixture.Client.GetGrain<ITelemetryGrain>("x").PublishSweepAsync("job-1234", 1, 1, 0, 1));
        Assert.Contains("workload 'job-1234' is not known; allowed:", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The job span ends just after the job's status says finished: wait for it, not for a time.</summary>
    private async Task<Activity> JobSpanAsync(string jobId)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (fixture.JobSpan(jobId) is { } span)
            {
                return span;
            }

            if (clock.Elapsed > SpanDeadline)
            {
                throw new TimeoutException($"no finished span for job {jobId} within {SpanDeadline}");
            }

            await Task.Delay(20);
        }
    }
}
