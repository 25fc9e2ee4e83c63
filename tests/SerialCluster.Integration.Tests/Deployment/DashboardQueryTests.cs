using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Cli.Commands;
using SerialCluster.Grains.Hosting;
using SerialCluster.Hosting;
using SerialCluster.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SerialCluster.Integration.Tests.Deployment;

/// <summary>
/// The compose topology as local processes — Redis, the serial silo and two parallel silos configured from
/// docker-compose.yml's own environment, Debian's Prometheus with deploy/prometheus/prometheus.yml (DNS discovery
/// replaced by the same targets and labels) — runs workloads, then evaluates every query of every dashboard panel
/// through Prometheus' HTTP API: each must return data; and renders the panels from those answers with Grafana's
/// own code (<see cref="DashboardCheck"/>): each must show what a reader can read.
/// </summary>
[Collection(ProcessCollection.Name)]
[Trait("Category", "Integration")]
public sealed class DashboardQueryTests(ITestOutputHelper output)
{
    private const string SiloPrefix = "SerialCluster__Silo__";
    private static readonly TimeSpan ScrapeInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan DataDeadline = TimeSpan.FromSeconds(30);

    // Settings that name this machine's resources rather than the cluster's behaviour: the test gives each process
    // its own (free ports, its Redis, a cluster id of its own, loopback), as the containers get theirs from Docker.
    private static readonly HashSet<string> PerHost = new(StringComparer.Ordinal)
    {
        nameof(SiloHostOptions.ClusterId), nameof(SiloHostOptions.RedisConnectionString), nameof(SiloHostOptions.AdvertisedIPAddress),
        nameof(SiloHostOptions.SiloPort), nameof(SiloHostOptions.GatewayPort), nameof(SiloHostOptions.MetricsPort), nameof(SiloHostOptions.Name),
        nameof(SerialClusterOptions.CalibrationLockDirectory),
    };

    [SkippableFact]
    public async Task EveryDashboardQueryReturnsDataFromAPrometheusScrapingTheComposeTopology()
    {
        Tool.Require("prometheus", Tool.PrometheusMissing);
        var compose = ComposeFile.Load();
        await using var cluster = await ProcessCluster.CreateAsync();

        // silo-serial once, silo scaled to two: each with its service's environment, its own metrics port, and the
        // compose file's default CPU set where this machine has those CPUs.
        var metricsPorts = FreePorts.Take(3);
        var specs = new[] { ("silo-serial", "silo-serial"), ("silo", "silo-1"), ("silo", "silo-2") }
            .Select((s, i) => Spec(compose, s.Item1, s.Item2, metricsPorts[i]))
            .ToArray();
        var clock = Stopwatch.StartNew();
        await cluster.StartSilosAsync([.. specs.Select(s => s.Spec)]);
        var active = string.Join(", ", specs.Select(s => $"{s.Spec.Name} cpus={s.Spec.Cpus ?? "any"}"));
        output.WriteLine($"3 silos active after {clock.Elapsed.TotalSeconds:F1} s: {active}");

        var targets = specs.GroupBy(s => s.Service).ToDictionary(
            g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(s => $"127.0.0.1:{s.MetricsPort}")], StringComparer.Ordinal);
        using var prometheus = await PrometheusServer.StartAsync(targets, ScrapeInterval);
        await WaitForAsync(prometheus, "every silo target to be up", """count(up{job="serialcluster-silo"} == 1) == 3""");
        await AssertTargetsCarryTheirServiceAsync(prometheus, targets);

        // Workloads in two rounds with a scrape between them: Prometheus' rate() sees no increase in a series' first
        // sample, so a histogram whose series a job creates needs a later job of the same workload and mode to show a
        // quantile. Jobs go through the CLI exactly as the compose file's cli service sends them (SERIALCLUSTER_REDIS,
        // no --gateway), and through a client in this process.
        var first = DateTimeOffset.UtcNow;
        await cluster.ConnectAsync();
        await RunThroughCliAsync(
            compose, cluster, "amdahl", "--set", "serialFraction=0.25", "--set", "work=1e6", "--set", "tasks=8", "--mode", "scatter", "--parallelism", "2");
        await cluster.RunJobAsync("hashchain", new() { ["steps"] = "50000" }, JobMode.Scatter, 0);
        await WaitForAsync(prometheus, "the first round of jobs in a scrape", "sum(serialcluster_jobs_completed_total) >= 2");
        await cluster.RunJobAsync("hashchain", new() { ["steps"] = "200000" }, JobMode.Scatter, 0);
        await cluster.RunJobAsync("montecarlo", new() { ["samples"] = "20000000", ["tasks"] = "8" }, JobMode.Scatter, 0);
        await RunThroughCliAsync(
            compose, cluster, "amdahl", "--set", "serialFraction=0.25", "--set", "work=4e6", "--set", "tasks=8", "--mode", "scatter", "--parallelism", "2");
        // A sweep with the capacity control publishes its fits through ITelemetryGrain when it ends (this topology's
        // parallel silos share one CPU, too few for a sweep to fit anything): the same call, as the CLI makes it.
        await cluster.Client.GetGrain<ITelemetryGrain>("amdahl").PublishSweepAsync("amdahl", 1.6, 2.0, 0.3, 1.6, 0.25);
        await WaitForAsync(prometheus, "all five jobs in a scrape", "sum(serialcluster_jobs_completed_total) >= 5");

        // Job histograms live on each job's coordinator, a silo Orleans picks: a job whose coordinator already holds
        // a scraped series makes the job-duration quantiles non-empty. Every job either does that or adds a series on
        // a silo that had none, so with three silos at most four more jobs (a scrape after each) are needed.
        var completed = 5;
        string MedianJob() => $"histogram_quantile(0.5, sum by (le) (rate(serialcluster_job_duration_seconds_bucket[{Window(first)}])))";
        for (var extra = 0; extra < 4 && await EvaluateAsync(prometheus, MedianJob()) is not null; extra++)
        {
            await cluster.RunJobAsync("hashchain", new() { ["steps"] = "20000" }, JobMode.Scatter, 0);
            completed++;
            await WaitForAsync(prometheus, $"job {completed} in a scrape", $"sum(serialcluster_jobs_completed_total) >= {completed}");
        }

        output.WriteLine($"{completed} workloads done after {clock.Elapsed.TotalSeconds:F1} s");

        // Prometheus has evaluated the recording rules on the last jobs, and has hop probes to show.
        await WaitForAsync(prometheus, "the recording rules on the last jobs", "count(workload:serialcluster_last_job_speedup:newest) >= 3");
        await WaitForAsync(prometheus, "a scrape after the silos' hop probes", "sum(serialcluster_hop_rtt_seconds_count) > 0");
        await WaitForAsync(
            prometheus, "the sweep's serial fraction on measured cores in the recording rule",
            """workload:serialcluster_last_job_serial_fraction_on_measured_cores:newest{workload="amdahl"} >= 0""");

        // Grafana's $__rate_interval is at least four scrape intervals; here the window covers every job.
        var window = Window(first);
        var failures = new List<string>();
        var evaluated = 0;
        foreach (var dashboard in Dashboard.LoadAll())
        {
            foreach (var (panel, expr) in dashboard.Queries)
            {
                var query = dashboard.Expand(expr, window);
                var failure = await EvaluateAsync(prometheus, query);
                evaluated++;
                if (failure is not null)
                {
                    failures.Add($"{panel}: `{query}` {failure}");
                }
            }

            foreach (var variable in dashboard.Variables.Where(v => v.GetProperty("type").GetString() == "query"))
            {
                var failure = await LabelValuesFailureAsync(prometheus, variable.GetProperty("definition").GetString()!);
                evaluated++;
                if (failure is not null)
                {
                    failures.Add($"{dashboard.Title} / variable {variable.GetProperty("name").GetString()}: {failure}");
                }
            }
        }

        output.WriteLine($"{evaluated} dashboard queries evaluated over [{window}] after {clock.Elapsed.TotalSeconds:F1} s");
        var orleans = await prometheus.LabelValuesAsync("__name__", """{__name__=~"microsoft_orleans_.+"}""");
        output.WriteLine($"Orleans meter families the silos serve ({orleans.Count}): {string.Join(" ", orleans)}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {evaluated} dashboard queries returned no data:\n{string.Join("\n", failures)}");
        await AssertPanelsRenderCleanlyAsync(prometheus, first, window);
    }

    /// <summary>
    /// What Grafana would draw from those answers, rendered with its own code (tests/dashboards-check/render.mjs):
    /// no NaN or Infinity, no bare "No data", no bar drawn empty for a positive value, no count shown as seconds.
    /// </summary>
    private async Task AssertPanelsRenderCleanlyAsync(PrometheusServer prometheus, DateTimeOffset first, string window)
    {
        await DashboardCheck.RequireAsync();
        var directory = Directory.CreateTempSubdirectory("serialcluster-render-").FullName;
        try
        {
            var answers = new DashboardAnswers();
            await answers.RecordAsync("compose topology", prometheus, first, ScrapeInterval, window);
            var file = Path.Combine(directory, "answers.json");
            answers.Write(file);
            var render = await DashboardCheck.RenderAsync(file);
            output.WriteLine(render.Output);
            Assert.True(render.Findings.Count == 0, $"{render.Findings.Count} panels would render wrongly:\n{string.Join("\n", render.Findings)}");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string Window(DateTimeOffset first) => $"{(int)Math.Ceiling((DateTimeOffset.UtcNow - first).TotalSeconds) + 10}s";

    private static (string Service, SiloSpec Spec, int MetricsPort) Spec(ComposeFile compose, string service, string name, int metricsPort)
    {
        var definition = compose.Service(service);
        var settings = new List<string>();
        foreach (var (key, value) in ComposeFile.Environment(definition))
        {
            if (key.StartsWith(SiloPrefix, StringComparison.Ordinal) && !PerHost.Contains(key[SiloPrefix.Length..]))
            {
                settings.AddRange(SiloProcess.Setting(key[SiloPrefix.Length..], value));
            }
        }

        settings.AddRange(SiloProcess.Setting(nameof(SiloHostOptions.MetricsPort), metricsPort.ToString(CultureInfo.InvariantCulture)));
        settings.AddRange(SiloProcess.Setting(nameof(SiloHostOptions.MetricsHost), "127.0.0.1"));
        return (service, new SiloSpec(name, settings, ComposeCpus(ComposeFile.Scalar(definition, "cpuset"))), metricsPort);
    }

    /// <summary>The compose file's default CPU set (none: pinning is opt-in) as a taskset CPU list, when taskset and those CPUs are here.</summary>
    private static string? ComposeCpus(string? value)
    {
        if (string.IsNullOrEmpty(value) || Requirements.Program("taskset") is null)
        {
            return null;
        }

        var allowed = CpuSet.Allowed();
        var wanted = value.Split(',').SelectMany(part =>
        {
            var range = part.Split('-').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
            return Enumerable.Range(range[0], range[^1] - range[0] + 1);
        });
        return wanted.All(allowed.Contains) ? value : null;
    }

    private async Task RunThroughCliAsync(ComposeFile compose, ProcessCluster cluster, string workload, params string[] options)
    {
        // The cli service's environment, with this machine's Redis in place of the compose network's.
        var environment = ComposeFile.Environment(compose.Service("cli"));
        Assert.True(environment.ContainsKey(ClusterSettings.RedisEnvironmentVariable), "the cli service does not set SERIALCLUSTER_REDIS");
        var cli = Path.Combine(AppContext.BaseDirectory, "serialcluster.dll");
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])[cli, "run", workload, .. options, "--cluster-id", cluster.ClusterId, "--json"])
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment[ClusterSettings.RedisEnvironmentVariable] = cluster.Redis.ConnectionString;
        info.Environment.Remove(ClusterSettings.GatewayEnvironmentVariable);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ProcessCluster.JobDeadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"serialcluster run {workload} did not finish within {ProcessCluster.JobDeadline}; stderr:\n{await stderr}");
        }

        Assert.True(process.ExitCode == 0, $"serialcluster run {workload} exited {process.ExitCode}; stderr:\n{await stderr}");
        using var document = JsonDocument.Parse(await stdout);
        Assert.Equal(workload, document.RootElement.GetProperty("workload").GetString());
        output.WriteLine($"cli: {workload} ran in {document.RootElement.GetProperty("profile").GetProperty("wallSeconds").GetDouble():F2} s");
    }

    /// <summary>Null when the query returns at least one series with a finite value; otherwise what it returned.</summary>
    private static async Task<string?> EvaluateAsync(PrometheusServer prometheus, string query)
    {
        JsonElement data;
        try
        {
            data = await prometheus.QueryAsync(query);
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }

        var result = data.GetProperty("result");
        var values = data.GetProperty("resultType").GetString() switch
        {
            "vector" => result.EnumerateArray().Select(s => s.GetProperty("value")[1].GetString()!).ToList(),
            "scalar" => [result[1].GetString()!],
            var other => throw new InvalidOperationException($"unexpected result type {other}"),
        };
        if (values.Count == 0)
        {
            return "returned no series";
        }

        return values.Any(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x))
            ? null
            : $"returned only {string.Join(", ", values.Distinct())}";
    }

    /// <summary>Grafana's <c>label_values(selector, label)</c> through the label-values API: null when it lists any value.</summary>
    private static async Task<string?> LabelValuesFailureAsync(PrometheusServer prometheus, string definition)
    {
        const string prefix = "label_values(";
        Assert.StartsWith(prefix, definition, StringComparison.Ordinal);
        var inner = definition[prefix.Length..^1];
        var comma = inner.LastIndexOf(',');
        var (selector, label) = (inner[..comma].Trim(), inner[(comma + 1)..].Trim());
        var values = await prometheus.LabelValuesAsync(label, selector);
        return values.Count > 0 ? null : $"`{definition}` lists no values";
    }

    private static async Task WaitForAsync(PrometheusServer prometheus, string what, string query) =>
        await Poll.UntilAsync($"Prometheus to show {what} (`{query}`)", DataDeadline, async () =>
        {
            var data = await prometheus.QueryAsync(query);
            return data.GetProperty("result").GetArrayLength() > 0 ? "yes" : null;
        });

    /// <summary>The relabelling in prometheus.yml names each target's compose service, as the serial-silo panels expect.</summary>
    private static async Task AssertTargetsCarryTheirServiceAsync(PrometheusServer prometheus, IReadOnlyDictionary<string, IReadOnlyList<string>> expected)
    {
        var seen = (await prometheus.TargetsAsync()).EnumerateArray()
            .Where(t => t.GetProperty("labels").GetProperty("job").GetString() == PrometheusConfig.SiloJob)
            .Select(t => t.GetProperty("labels"))
            .Select(l => (Service: l.GetProperty("service").GetString()!, Instance: l.GetProperty("instance").GetString()!))
            .ToList();
        Assert.Equal(
            expected.SelectMany(e => e.Value.Select(i => $"{e.Key} {i}")).Order(StringComparer.Ordinal),
            seen.Select(s => $"{s.Service} {s.Instance}").Order(StringComparer.Ordinal));
    }
}
