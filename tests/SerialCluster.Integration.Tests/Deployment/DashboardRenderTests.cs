using System.Globalization;
using System.Text;
using SerialCluster.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SerialCluster.Integration.Tests.Deployment;

/// <summary>
/// What the panels show, rendered with Grafana's own code (tests/dashboards-check/render.mjs, @grafana/data), in the
/// states a real cluster reaches only by chance: the newest job of a workload ran at P = 1 (its serial fraction is
/// NaN) after one that did not, a job measured e = 0 or e &lt; 0, no job finished in the window, no silo answers.
/// A real Prometheus with the project's config and recording rules scrapes a <see cref="MetricsStub"/> playing the
/// serial silo (a parallel silo's target never answers) and evaluates every rendered panel's queries.
/// </summary>
[Collection(ProcessCollection.Name)]
[Trait("Category", "Integration")]
public sealed class DashboardRenderTests(ITestOutputHelper output)
{
    private const string Overview = "serialcluster-overview";
    private const string Orleans = "serialcluster-orleans";
    private const string SerialFraction = "Serial fraction (Karp–Flatt e; fitted f for a sweep, also on measured cores)";
    private const string AmdahlLimit = "Amdahl limit 1 / e (unlimited cores)";
    private const string Newest = "workload:serialcluster_last_job_serial_fraction:newest";
    private static readonly TimeSpan ScrapeInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan DataDeadline = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task PanelsShowTextForNaNInfiniteAndMissingValuesAndTheNewestJobNotAStaleOne()
    {
        Tool.Require("prometheus", Tool.PrometheusMissing);
        await DashboardCheck.RequireAsync();
        using var silo = new MetricsStub();
        var neverUp = $"127.0.0.1:{FreePorts.Take(1)[0]}";
        using var prometheus = await PrometheusServer.StartAsync(
            new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { ["silo-serial"] = [silo.Target], ["silo"] = [neverUp] },
            ScrapeInterval);
        var from = DateTimeOffset.UtcNow;

        // An earlier job of each workload, then the newest: amdahl at P = 1 (e = NaN), eca with e = 0, montecarlo
        // faster than its P allows (e < 0). No job adds wall seconds in the window. Then the silo stops answering.
        silo.Serve(Exposition(from, amdahl: 0.3, eca: 0.2, montecarlo: 0.25));
        await WaitForAsync(prometheus, $"{Newest}{{workload=\"amdahl\"}} == 0.3");
        silo.Serve(Exposition(from.AddSeconds(5), amdahl: double.NaN, eca: 0, montecarlo: -0.05));
        await WaitForAsync(prometheus, $"{Newest}{{workload=\"amdahl\"}} != 0.3 and on () {Newest}{{workload=\"eca\"}} == 0");
        silo.Fail();
        await WaitForAsync(prometheus, """up{job="serialcluster-silo", service="silo-serial"} == 0""");

        var directory = Directory.CreateTempSubdirectory("serialcluster-render-").FullName;
        try
        {
            var answers = new DashboardAnswers();
            var window = $"{(int)Math.Ceiling((DateTimeOffset.UtcNow - from).TotalSeconds) + 10}s";
            await answers.RecordAsync("edge", prometheus, from, ScrapeInterval, window);
            var file = Path.Combine(directory, "answers.json");
            answers.Write(file);
            var render = await DashboardCheck.RenderAsync(file);
            output.WriteLine(render.Output);

            Assert.Equal("0", Assert.Single(render.Shown("edge", Overview, "Silos up")).Value);
            Assert.Equal("0", Assert.Single(render.Shown("edge", Orleans, "Silos up")).Value);
            Assert.Equal("no job finished", Assert.Single(render.Shown("edge", Overview, "Effective parallelism")).Value);
            var serialFraction = render.Shown("edge", Overview, SerialFraction);
            Assert.Equal("n/a", serialFraction["amdahl"]);
            Assert.Equal("0%", serialFraction["eca"]);
            Assert.Equal("-5%", serialFraction["montecarlo"]);
            var limit = render.Shown("edge", Overview, AmdahlLimit);
            Assert.Equal("n/a", limit["amdahl"]);
            Assert.Equal("≥ 100×", limit["eca"]);
            Assert.Equal("≥ 100×", limit["montecarlo"]);
            Assert.True(render.Findings.Count == 0, $"{render.Findings.Count} panels would render wrongly:\n{string.Join("\n", render.Findings)}");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>A serial silo's /metrics after the last jobs of three workloads, each with the serial fraction given.</summary>
    private static string Exposition(DateTimeOffset finished, double amdahl, double eca, double montecarlo)
    {
        var text = new StringBuilder();
        void Gauge(string name, string labels, double value) =>
            text.Append(CultureInfo.InvariantCulture, $"{name}{{{labels}}} {Sample(value)}\n");

        Gauge("serialcluster_silo_cores", "silo=\"serial\"", 1);
        Gauge("serialcluster_silo_cpu_set_cores", "silo=\"serial\",host=\"boot:stub\",cpus=\"0\"", 1);
        Gauge("serialcluster_silo_single_thread_score", "silo=\"serial\"", 6.1e6);
        Gauge("serialcluster_silo_all_core_score", "silo=\"serial\"", 6.1e6);
        Gauge("serialcluster_jobs_running", string.Empty, 0);
        Gauge("serialcluster_work_seconds_total", "kind=\"task\"", 12.5);
        Gauge("serialcluster_wall_seconds_total", string.Empty, 10);
        foreach (var (workload, e) in new[] { ("amdahl", amdahl), ("eca", eca), ("montecarlo", montecarlo) })
        {
            var labels = $"workload=\"{workload}\"";
            Gauge("serialcluster_last_job_timestamp_seconds", labels, finished.ToUnixTimeSeconds());
            Gauge("serialcluster_last_job_speedup", labels, 1.5);
            Gauge("serialcluster_last_job_bound", labels, 2);
            Gauge("serialcluster_last_job_parallelism", labels, 8);
            Gauge("serialcluster_last_job_serial_fraction", labels, e);
            Gauge("serialcluster_last_job_serial_fraction_on_measured_cores", labels, double.NaN);
        }

        return text.ToString();
    }

    private static string Sample(double value) => double.IsNaN(value) ? "NaN" : value.ToString("R", CultureInfo.InvariantCulture);

    private static async Task WaitForAsync(PrometheusServer prometheus, string query) =>
        await Poll.UntilAsync($"Prometheus to show `{query}`", DataDeadline, async () =>
        {
            var data = await prometheus.QueryAsync(query);
            return data.GetProperty("result").GetArrayLength() > 0 ? "yes" : null;
        });
}
