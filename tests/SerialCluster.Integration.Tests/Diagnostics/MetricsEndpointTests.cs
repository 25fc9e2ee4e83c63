using System.Globalization;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SerialCluster.Integration.Tests.Diagnostics;

/// <summary>A real silo process serves <c>/metrics</c>: every family docs/METRICS.md documents is there after jobs, and they moved.</summary>
[Trait("Category", "Integration")]
[Collection(ProcessCollection.Name)]
public sealed class MetricsEndpointTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ScrapeDeadline = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task EveryDocumentedMetricIsServedAndJobsMoveTheirCounters()
    {
        var documented = MetricsDoc.Names();
        Assert.True(documented.Count >= 20, $"docs/METRICS.md documents only {documented.Count} metrics: {string.Join(", ", documented)}");

        await using var cluster = await ProcessCluster.CreateAsync();
        var port = FreePorts.Take(1)[0];
        await cluster.StartSilosAsync(new SiloSpec("metrics-0",
        [
            .. SiloProcess.Setting("MetricsPort", port.ToString(CultureInfo.InvariantCulture)),
            .. SiloProcess.Setting("MetricsHost", "127.0.0.1"),
        ]));
        await cluster.ConnectAsync();
        var url = $"http://127.0.0.1:{port}/metrics";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        // Served from the start, before any job.
        var before = await Scrape.ReadAsync(http, url);
        Assert.Equal(0, before.Sum("serialcluster_jobs_completed_total"));

        // A wide job (tasks), a chain in scatter mode (chain batches) and a pinned job.
        await cluster.RunJobAsync("montecarlo", new() { ["samples"] = "400000", ["tasks"] = "4", ["seed"] = "3" }, JobMode.Scatter, 2);
        await cluster.RunJobAsync("hashchain", new() { ["steps"] = "20000" }, JobMode.Scatter, 1);
        await cluster.RunJobAsync("hashchain", new() { ["steps"] = "20000" }, JobMode.Pinned, 0);
        var silo = await cluster.Client.GetGrain<ITelemetryGrain>("amdahl").PublishSweepAsync("amdahl", 1.6, 2.0, 0.25, 1.6, 0.2);
        Assert.Equal("metrics-0", silo);

        // Hop probes and calibration publish on their own schedule: wait for them, not for a time.
        var after = await Poll.UntilAsync(
            "a scrape with hop round trips and a calibrated single-thread score",
            ScrapeDeadline,
            async () =>
            {
                var scrape = await Scrape.ReadAsync(http, url);
                return scrape.Sum("serialcluster_hop_rtt_seconds_count") > 0 && scrape.Sum("serialcluster_silo_single_thread_score") > 0 ? scrape : null;
            });
        var missing = documented.Where(name => !after.Types.ContainsKey(name)).ToList();
        output.WriteLine($"{documented.Count} documented metrics; {after.Types.Count} families served");
        Assert.True(missing.Count == 0, $"documented in docs/METRICS.md but not served: {string.Join(", ", missing)}");

        Assert.Equal(3, after.Sum("serialcluster_jobs_submitted_total"));
        Assert.Equal(3, after.Sum("serialcluster_jobs_completed_total", "outcome=\"completed\""));
        Assert.Equal(2, after.Sum("serialcluster_jobs_submitted_total", "workload=\"hashchain\""));
        Assert.Equal(0, after.Sum("serialcluster_jobs_running"));
        Assert.Equal(3, after.Sum("serialcluster_job_duration_seconds_count"));
        Assert.Equal(4, after.Sum("serialcluster_tasks_completed_total", "workload=\"montecarlo\""));
        Assert.Equal(4, after.Sum("serialcluster_task_duration_seconds_count", "workload=\"montecarlo\""));
        // 20,000 steps of the scatter-mode chain stage and 20,000 of the pinned job's whole-job chain.
        Assert.Equal(40000, after.Sum("serialcluster_chain_steps_total", "workload=\"hashchain\""));
        Assert.True(after.Sum("serialcluster_chain_batch_duration_seconds_count") >= 1);
        Assert.True(after.Sum("serialcluster_work_seconds_total", "kind=\"task\"") > 0);
        Assert.True(after.Sum("serialcluster_work_seconds_total", "kind=\"chain\"") > 0);
        Assert.True(after.Sum("serialcluster_wall_seconds_total") > 0);
        Assert.Equal(1, after.Sum("serialcluster_silo_cores", "silo=\"metrics-0\"") > 0 ? 1 : 0);
        // The same cores labelled with the silo's host and CPU set, for dashboards that count shared CPUs once.
        Assert.Contains(after.Samples("serialcluster_silo_cpu_set_cores"), s =>
            s.Labels.Contains("silo=\"metrics-0\"", StringComparison.Ordinal) && s.Labels.Contains("host=\"", StringComparison.Ordinal) && s.Value > 0);
        Assert.Contains(after.Samples("serialcluster_hop_rtt_seconds_count"), s => s.Labels.Contains("peer=\"metrics-0\"", StringComparison.Ordinal));

        // Jobs fed the last-job gauges of their workload; the sweep's figures stand for amdahl.
        Assert.Contains(after.Samples("serialcluster_last_job_speedup"), s => s.Labels == "workload=\"montecarlo\"" && s.Value > 0);
        Assert.Equal(1.6, after.Sum("serialcluster_last_job_speedup", "workload=\"amdahl\""));
        Assert.Equal(0.25, after.Sum("serialcluster_last_job_serial_fraction", "workload=\"amdahl\""));
        Assert.Equal(0.2, after.Sum("serialcluster_last_job_serial_fraction_on_measured_cores", "workload=\"amdahl\""));
        // A lone job measures no capacity: it leaves NaN, not a figure a sweep measured.
        Assert.Contains(
            after.Samples("serialcluster_last_job_serial_fraction_on_measured_cores"),
            s => s.Labels == "workload=\"montecarlo\"" && double.IsNaN(s.Value));
        Assert.Equal(2.0, after.Sum("serialcluster_last_job_parallelism", "workload=\"amdahl\""));
        Assert.Equal(1.6, after.Sum("serialcluster_last_job_bound", "workload=\"amdahl\""));

        // Never a job id in a label.
        Assert.DoesNotContain(
            "it-",
            string.Join('\n', after.Text.Split('\n').Where(l => l.StartsWith("serialcluster_", StringComparison.Ordinal))),
            StringComparison.Ordinal);

        // SerialCluster's families follow Prometheus' naming rules, as its own linter reads them.
        var ours = string.Join(
            '\n',
            after.Text.Split('\n').Where(
                l => l.Contains(" serialcluster_", StringComparison.Ordinal) || l.StartsWith("serialcluster_", StringComparison.Ordinal))) + "\n";
        var lint = await Promtool.CheckMetricsAsync(ours);
        output.WriteLine(lint is null ? Promtool.Missing : $"promtool check metrics: {(lint.Length == 0 ? "clean" : lint)}");
        Assert.True(lint is null or "", $"promtool check metrics: {lint}");

        // Orleans' meter, the runtime's meter and process metrics through the same exporter.
        Assert.Contains(after.Types.Keys, n => n.StartsWith("microsoft_orleans_", StringComparison.Ordinal));
        Assert.Contains(after.Types.Keys, n => n.StartsWith("system_runtime_", StringComparison.Ordinal));
        Assert.Equal("counter", after.Types["process_cpu_seconds_total"]);
    }
}
