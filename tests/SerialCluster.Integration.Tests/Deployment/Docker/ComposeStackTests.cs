using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using SerialCluster.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SerialCluster.Integration.Tests.Deployment.Docker;

/// <summary>
/// README's "Deploy with Docker Compose", for real: the images built and the stack run by a Docker engine, jobs through
/// the <c>cli</c> service and through a host CLI on the published gateway (results checked against values our code did
/// not produce), Prometheus scraping every silo and answering every dashboard query, the parallel silos scaled from 3
/// to 5, a silo killed mid-job, and <c>down -v</c> leaving nothing behind. Lines C0–C9 give the timings.
/// </summary>
[Collection(ProcessCollection.Name)]
[Trait("Category", "Integration")]
[Trait("Category", "Docker")]
public sealed class ComposeStackTests(ITestOutputHelper output)
{
    private const string Seed = "636f6d706f7365";
    private const long ChainSteps = 200_000;
    private const long Samples = 2_000_000_000;
    private const int Tasks = 200;
    private static readonly TimeSpan Build = TimeSpan.FromMinutes(20);
    private static readonly TimeSpan Up = TimeSpan.FromMinutes(6);
    private static readonly TimeSpan Job = TimeSpan.FromMinutes(4);

    [SkippableFact]
    public async Task TheStackBuildsRunsScalesAndFinishesAJobThroughASiloKill()
    {
        var stack = await ComposeStack.CreateAsync(output);
        await using (stack)
        {
            var clock = Stopwatch.StartNew();
            await stack.ComposeAsync(Build, "--profile", "cli", "build");
            output.WriteLine($"C1 images built (silo, cli) in {clock.Elapsed.TotalSeconds:F1} s");

            clock.Restart();
            await stack.ComposeAsync(Up, "up", "-d", "--build", "--wait", "--wait-timeout", "300", "--scale", "silo=3");
            output.WriteLine($"C2 `up -d --build --wait --scale silo=3`: every service healthy in {clock.Elapsed.TotalSeconds:F1} s");

            // Four unpinned silo containers on this host: the cluster counts the host's CPUs once, shared by all four.
            var cluster = await ClusterAsync(stack);
            var cores = cluster.GetProperty("cores").GetDouble();
            var shared = cluster.GetProperty("silos").EnumerateArray().Select(s => s.GetProperty("sharedBy").GetInt32()).ToList();
            output.WriteLine($"   cluster cores {cores} on a {Environment.ProcessorCount}-CPU host; silos sharing them: {string.Join(", ", shared)}");
            Assert.Equal(Environment.ProcessorCount, cores);
            Assert.All(shared, s => Assert.Equal(4, s));

            // Through the cli service, as README shows: the pinned chain against SHA-256 computed here, the scattered
            // estimate against π within its standard error, and a report written to the host.
            clock.Restart();
            var chain = await CliServiceAsync(stack, "run", "hashchain", "--set", $"seed={Seed}", "--set", $"steps={ChainSteps}", "--mode", "pinned", "--json");
            Assert.Equal(ReferenceDigest(), chain.GetProperty("result").GetProperty("digest").GetString());
            var reference = await CliServiceAsync(stack, MonteCarlo(2));
            var inside = reference.GetProperty("result").GetProperty("inside").GetInt64();
            AssertNearPi(inside);
            var jobId = reference.GetProperty("jobId").GetString()!;
            await stack.ComposeAsync(Job, "run", "--rm", "-T", "cli", "report", jobId, "--html", "/out/report.html");
            Assert.True(File.Exists(Path.Combine(stack.OutputFolder, "report.html")), "the cli service wrote no /out/report.html to CLI_OUTPUT");
            output.WriteLine($"C3 jobs through the cli service (hashchain, montecarlo P=2, report --html) in {clock.Elapsed.TotalSeconds:F1} s");

            clock.Restart();
            var hostChain = await HostCliAsync(stack, "run", "hashchain", "--set", $"seed={Seed}", "--set", $"steps={ChainSteps}", "--json");
            Assert.Equal(ReferenceDigest(), hostChain.GetProperty("result").GetProperty("digest").GetString());
            output.WriteLine($"C4 a host CLI on --gateway 127.0.0.1:{stack.GatewayPort} in {clock.Elapsed.TotalSeconds:F1} s");

            clock.Restart();
            await AssertPrometheusScrapesEverySiloAsync(stack, parallelSilos: 3);
            var (answered, withData) = await EvaluateDashboardQueriesAsync(stack);
            output.WriteLine(
                $"C5 Prometheus: 4 silo targets up; {answered} dashboard queries answered, {withData} with data, in {clock.Elapsed.TotalSeconds:F1} s");

            clock.Restart();
            await stack.ComposeAsync(Up, "up", "-d", "--wait", "--wait-timeout", "300", "--no-recreate", "--scale", "silo=5");
            await Poll.UntilAsync("six silos in `serialcluster cluster`", Up, async () => await SilosAsync(stack) is { Count: 6 } s ? s : null);
            // P = 6 lanes over six silos that share the host's CPUs: each silo, the two new ones included, takes a lane.
            var scaled = await HostCliAsync(stack, MonteCarlo(6));
            Assert.Equal(inside, scaled.GetProperty("result").GetProperty("inside").GetInt64());
            var ran = scaled.GetProperty("profile").GetProperty("silos").EnumerateObject()
                .Where(s => s.Value.GetInt32() > 0).Select(s => s.Name).ToList();
            output.WriteLine(
                $"C6 scaled to 5 parallel silos; the P=6 job ran tasks on {ran.Count}: {string.Join(", ", ran)} ({clock.Elapsed.TotalSeconds:F1} s)");
            Assert.Equal(5, ran.Count(name => name != "silo-serial"));
            await AssertPrometheusScrapesEverySiloAsync(stack, parallelSilos: 5);

            clock.Restart();
            await KillASiloMidJobAsync(stack, inside);
            output.WriteLine($"C7 a parallel silo killed mid-job: the job completed with the same result in {clock.Elapsed.TotalSeconds:F1} s");

            clock.Restart();
            await stack.ComposeAsync(Up, "--profile", "cli", "down", "-v", "--remove-orphans", "-t", "10");
            var left = await stack.LeftoversAsync();
            var leftovers = left.Count == 0 ? "nothing" : string.Join(", ", left);
            output.WriteLine($"C8 `down -v` in {clock.Elapsed.TotalSeconds:F1} s; left behind: {leftovers}");
            Assert.Empty(left);
        }
    }

    private static string[] MonteCarlo(int parallelism) =>
        ["run", "montecarlo", "--set", $"samples={Samples}", "--set", $"tasks={Tasks}", "--mode", "scatter",
            "--parallelism", parallelism.ToString(CultureInfo.InvariantCulture), "--json"];

    /// <summary>x = bytes(seed); x = SHA-256(x) repeated: .NET's own SHA-256, not the workload's kernel.</summary>
    private static string ReferenceDigest()
    {
        var x = Convert.FromHexString(Seed);
        for (var i = 0; i < ChainSteps; i++)
        {
            x = SHA256.HashData(x);
        }

        return Convert.ToHexStringLower(x);
    }

    /// <summary>4·inside/samples within five standard errors of π (a sample of a Bernoulli(π/4)).</summary>
    private static void AssertNearPi(long inside)
    {
        var p = Math.PI / 4;
        var error = 4 * Math.Sqrt(p * (1 - p) / Samples);
        var estimate = 4.0 * inside / Samples;
        Assert.True(Math.Abs(estimate - Math.PI) < 5 * error, $"π estimated {estimate} from {inside} of {Samples}: more than 5 × {error:E2} from π");
    }

    private static async Task<JsonElement> CliServiceAsync(ComposeStack stack, params string[] arguments)
    {
        var run = await stack.ComposeAsync(Job, ["run", "--rm", "-T", "cli", .. arguments]);
        return JsonDocument.Parse(run.Stdout).RootElement;
    }

    private static async Task<JsonElement> HostCliAsync(ComposeStack stack, params string[] arguments)
    {
        var run = (await HostCliRunAsync(stack, arguments)).Succeeded();
        return JsonDocument.Parse(run.Stdout).RootElement;
    }

    private static Task<CommandRun> HostCliRunAsync(ComposeStack stack, string[] arguments, Action<string>? onStderrLine = null) =>
        CommandRun.RunAsync(
            "dotnet", [CliDll, .. arguments, "--gateway", $"127.0.0.1:{stack.GatewayPort}"], new Dictionary<string, string>(), Job, onStderrLine);

    private static string CliDll => Path.Combine(AppContext.BaseDirectory, "serialcluster.dll");

    private static async Task<JsonElement> ClusterAsync(ComposeStack stack) =>
        await Poll.UntilAsync("every silo calibrated in `serialcluster cluster --json`", Up, async () =>
        {
            var run = await HostCliRunAsync(stack, ["cluster", "--json"]);
            if (run.ExitCode != 0)
            {
                return null;
            }

            var document = JsonDocument.Parse(run.Stdout).RootElement;
            var silos = document.GetProperty("silos").EnumerateArray().ToList();
            return silos.Count == 4 && silos.All(s => s.GetProperty("calibration").ValueKind == JsonValueKind.Object) ? (object)document : null;
        }) is JsonElement element ? element : default;

    private static async Task<IReadOnlyList<string>?> SilosAsync(ComposeStack stack)
    {
        var run = await HostCliRunAsync(stack, ["cluster", "--json"]);
        return run.ExitCode == 0
            ? [.. JsonDocument.Parse(run.Stdout).RootElement.GetProperty("silos").EnumerateArray().Select(s => s.GetProperty("name").GetString()!)]
            : null;
    }

    private async Task KillASiloMidJobAsync(ComposeStack stack, long inside)
    {
        // The job is followed by a host CLI; once it reports progress, one parallel silo gets SIGKILL.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var job = HostCliRunAsync(stack, MonteCarlo(5), line =>
        {
            if (line.StartsWith("montecarlo:", StringComparison.Ordinal) && !line.Contains(" 0.0%", StringComparison.Ordinal))
            {
                started.TrySetResult();
            }
        });
        await Task.WhenAny(started.Task, job).WaitAsync(Job);
        Assert.True(started.Task.IsCompleted, $"the job ended before it reported progress:\n{(await job).Stderr}");
        var victim = $"{stack.Project}-silo-2";
        await stack.DockerAsync("kill", victim);
        output.WriteLine($"  killed {victim} (SIGKILL) while the job ran");
        var finished = (await job).Succeeded();
        var result = JsonDocument.Parse(finished.Stdout).RootElement;
        Assert.Equal(inside, result.GetProperty("result").GetProperty("inside").GetInt64());
    }

    private static async Task AssertPrometheusScrapesEverySiloAsync(ComposeStack stack, int parallelSilos)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{stack.PrometheusPort}/"), Timeout = TimeSpan.FromSeconds(10) };
        await Poll.UntilAsync($"Prometheus to scrape silo-serial and {parallelSilos} parallel silos, all up", Up, async () =>
        {
            var targets = (await http.GetFromJsonAsync<JsonElement>("api/v1/targets?state=active"))
                .GetProperty("data").GetProperty("activeTargets").EnumerateArray()
                .Where(t => t.GetProperty("labels").TryGetProperty("service", out _))
                .Select(t => (Service: t.GetProperty("labels").GetProperty("service").GetString(), Up: t.GetProperty("health").GetString() == "up"))
                .ToList();
            var serial = targets.Count(t => t is { Service: "silo-serial", Up: true });
            var parallel = targets.Count(t => t is { Service: "silo", Up: true });
            return serial == 1 && parallel == parallelSilos && targets.Count == parallelSilos + 1 ? targets : null;
        });
    }

    /// <summary>Every query of every dashboard panel, as Grafana sends it: each must be answered without error.</summary>
    private async Task<(int Answered, int WithData)> EvaluateDashboardQueriesAsync(ComposeStack stack)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{stack.PrometheusPort}/"), Timeout = TimeSpan.FromSeconds(10) };
        var (answered, withData) = (0, 0);
        foreach (var dashboard in Dashboard.LoadAll())
        {
            foreach (var (panel, expr) in dashboard.Queries)
            {
                var query = Uri.EscapeDataString(dashboard.Expand(expr, "1m"));
                var answer = await http.GetFromJsonAsync<JsonElement>($"api/v1/query?query={query}");
                Assert.True(answer.GetProperty("status").GetString() == "success", $"{panel}: Prometheus refused {expr}: {answer}");
                answered++;
                var data = answer.GetProperty("data").GetProperty("result");
                if (data.ValueKind == JsonValueKind.Array && data.GetArrayLength() > 0)
                {
                    withData++;
                }
                else
                {
                    output.WriteLine($"  no data yet: {panel}");
                }
            }
        }

        return (answered, withData);
    }
}
