using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SerialCluster.Integration.Tests.Analysis;

/// <summary>
/// "Faster core or more cores?" measured on real silos (issue 23, item 4; docs/PAPER.md, "Faster core or more cores,
/// measured"). For K = 0 … 3 busy shells sharing one CPU (docs/HETEROGENEITY.md), a fresh Redis-clustered silo pinned
/// there calibrates, then runs the same pinned hashchain; then the chain runs scattered over one and over two silos.
/// Asserted: every run's digest equals python3 hashlib's (an evaluator our code did not write), the table's shape, and
/// only the robust ends of the monotone relation (K = 3 calibrates and chains slower than K = 0). No timing threshold.
/// scripts/faster-core.sh runs it longer (FASTER_CORE_SECONDS, FASTER_CORE_REPEAT) and draws docs/examples/faster-core.*.
/// </summary>
[Trait("Category", "Integration")]
[Collection(ProcessCollection.Name)]
public sealed class FasterCoreMeasurement(ITestOutputHelper output)
{
    private const int MaxBusy = 3;
    private const long ProbeSteps = 200_000;
    private const string Seed = "616263";
    private const string RecalibrationInterval = "00:00:08";

    [SkippableFact]
    public async Task ASlowerCoreLengthensTheChainAndMoreCoresDoNotShortenIt()
    {
        Requirements.RedisServer();
        Requirements.Taskset();
        var python = Requirements.Program("python3") ?? throw new SkipException("python3 not found: apt-get install -y python3");
        var cpus = CpuSet.Allowed();
        Skip.If(cpus.Count < 2, $"needs 2 CPUs (one slowed silo, and a second silo for the scattered run); this process may use {cpus.Count}");
        var targetSeconds = Setting("FASTER_CORE_SECONDS", 1.0);
        var repeat = (int)Setting("FASTER_CORE_REPEAT", 1);
        output.WriteLine($"FASTER load average at the start: {LoadAverage()}");

        var rows = new List<FasterCoreRow>();
        var digests = new HashSet<string>(StringComparer.Ordinal);
        long steps = 0;
        for (var busy = 0; busy <= MaxBusy; busy++)
        {
            var shells = Enumerable.Range(0, busy).Select(_ => BusyProcess.Start(cpus[0])).ToList();
            try
            {
                await Poll.UntilAsync(
                    "every busy shell to be spinning",
                    TimeSpan.FromSeconds(20),
                    () => Task.FromResult(shells.All(s => s.CpuTicks() > 0) ? shells : null));
                await using var cluster = await StartAsync(("slowed", cpus[0]));
                var silo = await cluster.WaitForActiveSilosAsync("slowed");
                await RunAsync(cluster, ProbeSteps, JobMode.Pinned, 1);
                var warm = DateTimeOffset.UtcNow;
                var score = (await Calibrations.WaitForAllAsync(cluster, silo, warm))["slowed"].Calibration!.SingleThreadScore;

                // Sized once, at K = 0, so every level runs the very same chain.
                steps = steps > 0 ? steps : (long)Math.Max(ProbeSteps, score * targetSeconds);

                var runs = await RepeatAsync(cluster, steps, JobMode.Pinned, 1, repeat, digests);
                rows.Add(new FasterCoreRow("pinned", busy, 1, 1, score, runs, steps));
                if (busy == 0)
                {
                    rows.Add(new FasterCoreRow("scattered", 0, 1, 1, 0, await RepeatAsync(cluster, steps, JobMode.Scatter, 1, repeat, digests), steps));
                }

                Assert.All(shells, s => Assert.False(s.HasExited, $"busy shell {s.Pid} exited"));
            }
            finally
            {
                shells.ForEach(s => s.Dispose());
            }
        }

        await using (var pair = await StartAsync(("first", cpus[0]), ("second", cpus[1])))
        {
            await pair.WaitForActiveSilosAsync("first", "second");
            rows.Add(new FasterCoreRow("scattered", 0, 2, 2, 0, await RepeatAsync(pair, steps, JobMode.Scatter, 2, repeat, digests), steps));
        }

        Report(rows);
        var expected = PythonDigest(python, steps);
        Assert.Equal([expected], digests);
        Assert.Equal(MaxBusy + 1, rows.Count(r => r.Mode == "pinned"));
        Assert.All(rows.Where(r => r.Mode == "pinned"), r => Assert.True(r.Score > 0 && r.Seconds > 0, $"K = {r.Busy}: score {r.Score}, {r.Seconds} s"));
        var (fastest, slowest) = (rows.Single(r => r.Mode == "pinned" && r.Busy == 0), rows.Single(r => r.Mode == "pinned" && r.Busy == MaxBusy));
        Assert.True(
            slowest.Score < fastest.Score,
            $"K = {MaxBusy} calibrated at {slowest.Score:N0} steps/s, not below K = 0's {fastest.Score:N0} (load {LoadAverage()})");
        Assert.True(
            slowest.Seconds > fastest.Seconds,
            $"the chain took {slowest.Seconds:F3} s at K = {MaxBusy}, not longer than {fastest.Seconds:F3} s at K = 0 (load {LoadAverage()})");
    }

    /// <summary>
    /// A fresh cluster whose silos calibrate at start and again RecalibrationInterval later: the score used is the
    /// second one, taken after a warm-up job, since the start-up one reads low while the silo is still starting.
    /// </summary>
    private static async Task<ProcessCluster> StartAsync(params (string Name, int Cpu)[] silos)
    {
        string[] calibration =
            [.. SiloProcess.Setting("CalibrationInterval", RecalibrationInterval), .. SiloProcess.Setting("CalibrationDuration", "00:00:01")];
        var cluster = await ProcessCluster.CreateAsync();
        await cluster.StartSilosAsync([.. silos.Select(s => new SiloSpec(s.Name, calibration, Cpus: s.Cpu.ToString(CultureInfo.InvariantCulture)))]);
        await cluster.ConnectAsync();
        return cluster;
    }

    private static async Task<double[]> RepeatAsync(ProcessCluster cluster, long steps, JobMode mode, int parallelism, int repeat, HashSet<string> digests)
    {
        var seconds = new double[repeat];
        for (var i = 0; i < repeat; i++)
        {
            var status = await RunAsync(cluster, steps, mode, parallelism);
            digests.Add(JsonDocument.Parse(status.ResultJson!).RootElement.GetProperty("digest").GetString()!);
            seconds[i] = status.Profile!.WallSeconds;
        }

        return seconds;
    }

    private static Task<JobStatus> RunAsync(ProcessCluster cluster, long steps, JobMode mode, int parallelism) =>
        cluster.RunJobAsync("hashchain", new() { ["seed"] = Seed, ["steps"] = steps.ToString(CultureInfo.InvariantCulture) }, mode, parallelism);

    private void Report(List<FasterCoreRow> rows)
    {
        foreach (var r in rows)
        {
            output.WriteLine(
                $"FASTER {r.Mode} busy={r.Busy} silos={r.Silos} P={r.Parallelism} score={r.Score:F0} seconds={r.Seconds:F4} " +
                $"stepsPerSecond={r.StepsPerSecond:F0} product={r.ScoreProduct:F3} steps={r.Steps} " +
                $"runs={string.Join('/', r.ChainSeconds.Select(s => s.ToString("F4", CultureInfo.InvariantCulture)))}");
        }

        output.WriteLine($"FASTER load average at the end: {LoadAverage()}");
        if (Environment.GetEnvironmentVariable("FASTER_CORE_OUT") is { Length: > 0 } path)
        {
            File.WriteAllText(path, JsonSerializer.Serialize(rows));
        }
    }

    /// <summary>x(steps) of the chain by python3's hashlib: an evaluator independent of the workload's SHA-256 path.</summary>
    private static string PythonDigest(string python, long steps)
    {
        var script = $"import hashlib\nx=bytes.fromhex('{Seed}')\nfor _ in range({steps}): x=hashlib.sha256(x).digest()\nprint(x.hex())";
        using var process = Process.Start(new ProcessStartInfo(python, ["-c", script]) { RedirectStandardOutput = true })!;
        var digest = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"python3 exited {process.ExitCode}");
        return digest;
    }

    private static double Setting(string name, double fallback) =>
        double.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";
}
