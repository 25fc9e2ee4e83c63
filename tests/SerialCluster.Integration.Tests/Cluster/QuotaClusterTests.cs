using SerialCluster.Cli.Cluster;
using SerialCluster.Cli.Reports;
using SerialCluster.CostModel.Cores;
using SerialCluster.Integration.Tests.Deployment;
using SerialCluster.Integration.Tests.Infrastructure;
using SerialCluster.Integration.Tests.Reliability;
using Xunit.Abstractions;

namespace SerialCluster.Integration.Tests.Cluster;

/// <summary>
/// deploy/local-cluster.sh with CPU_QUOTA: each silo process in a control group of its own with a fraction of a core, the
/// silos' calibration reading the quota as usable cores, a sweep counting P in such silos (real up to their number, not
/// saturation), and `down` (or a failed `up`) leaving no control group behind (docs/SCALING.md).
/// </summary>
[Trait("Category", "Integration")]
[Collection(ProcessCollection.Name)]
public sealed class QuotaClusterTests(ITestOutputHelper output)
{
    private static readonly TimeSpan CalibrationDeadline = TimeSpan.FromSeconds(180);

    [SkippableFact]
    public async Task FourHalfCoreSilosAreFourRealProcessorsOfHalfACore()
    {
        var root = CgroupCpu.Require();
        const string Id = "it-quota";
        var groups = Path.Combine(root, "serialcluster-" + Id);
        await using (var cluster = await ScriptCluster.UpAsync(4, Id, ["CPU_QUOTA=0.5"]))
        {
            for (var i = 0; i < cluster.Silos; i++)
            {
                var group = Path.Combine(groups, $"silo-{i}");
                Assert.Equal("5000 10000", CgroupCpu.Quota(group));
                Assert.Contains(cluster.Pid($"silo-{i}")!.Value, CgroupCpu.Processes(group));
                // Below one core the thread pool does not spin for work: spinning would spend the quota.
                var environment = File.ReadAllText($"/proc/{cluster.Pid($"silo-{i}")!.Value}/environ").Split('\0');
                Assert.Contains("DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0", environment);
            }

            using var timeout = new CancellationTokenSource(CalibrationDeadline);
            await ClusterSurvey.WaitForCalibrationAsync(cluster.Client, CalibrationDeadline, output.WriteLine, timeout.Token);
            var survey = await ClusterSurvey.ReadAsync(cluster.Client, timeout.Token);
            foreach (var silo in survey.Silos)
            {
                output.WriteLine($"{silo.Name}: usable {silo.Capacity?.Calibration?.UsableCores}, all-core {silo.Capacity?.Calibration?.AllCoreScore:N0}");
            }

            Assert.Equal(4, survey.Silos.Count);
            Assert.All(survey.Silos, s => Assert.Equal(0.5, s.Capacity?.Calibration?.UsableCores));
            Assert.Equal(new ProcessorUnit(4, 0.5), await ClusterCores.UnitAsync(cluster.Client, timeout.Token));

            var csv = Path.Combine(cluster.State, "sweep.csv");
            var (exitCode, text) = await Tool.RunAsync(
                "dotnet",
                [
                    CliProcess.Dll, "sweep", "amdahl", "--set", "serialFraction=0.25", "--set", "work=400000", "--set", "tasks=8", "--parallelism", "1,2,4",
                    "--repeat", "1", "--warmup", "1", "--capacity-control", "off", "--csv", csv, "--redis", $"127.0.0.1:{cluster.RedisPort}",
                    "--cluster-id", Id,
                ],
                ScriptCluster.ScriptDeadline);
            output.WriteLine(text);
            Assert.True(exitCode == 0, $"sweep exited {exitCode}:\n{text}");
            Assert.Contains("P counts slow silos: 1 = one silo of 0.5 core (4 such silos, 2 cores together)", text, StringComparison.Ordinal);
            Assert.DoesNotContain("saturation, not parallel speedup", text, StringComparison.Ordinal);
            Assert.Contains("warm-up: each of the 4 silos coordinated the job once at P = 4", text, StringComparison.Ordinal);
            var rows = File.ReadAllLines(csv);
            var header = rows[0].Split(',').ToList();
            var saturated = rows.Skip(1).Select(r => r.Split(',')).ToDictionary(r => int.Parse(r[header.IndexOf("p")]), r => r[header.IndexOf("saturated")]);
            Assert.Equal(["false", "false", "false"], new[] { saturated[1], saturated[2], saturated[4] });
        }

        Assert.False(Directory.Exists(groups), $"`down` left {groups} behind");
    }

    [SkippableFact]
    public async Task DownAndAFailedUpLeaveNoControlGroupBehind()
    {
        var root = CgroupCpu.Require();
        const string Id = "it-quota-down";
        var groups = Path.Combine(root, "serialcluster-" + Id);
        await using var cluster = await ScriptCluster.UpAsync(2, Id, ["CPU_QUOTA=0.25"]);
        Assert.Equal("2500 10000", CgroupCpu.Quota(Path.Combine(groups, "silo-1")));

        var stopped = await cluster.RunAsync("down");
        Assert.Contains($"removed control groups {groups}", stopped, StringComparison.Ordinal);
        Assert.False(Directory.Exists(groups), $"`down` left {groups} behind");

        // An `up` that fails after creating the groups (its silos never report active in time) removes them on its way out.
        var (exitCode, failed) = await cluster.TryRunAsync("up", "READY_TIMEOUT=1");
        output.WriteLine(failed);
        Assert.NotEqual(0, exitCode);
        Assert.Contains($"control groups {groups}/silo-0…1", failed, StringComparison.Ordinal);
        Assert.Contains("up failed; stopping what it started", failed, StringComparison.Ordinal);
        Assert.False(Directory.Exists(groups), $"a failed `up` left {groups} behind");
    }

    [SkippableFact]
    public async Task ABadQuotaStopsTheScriptNamingIt()
    {
        var bash = Tool.Require("bash", "bash not found: apt-get install -y bash");
        var state = Directory.CreateTempSubdirectory("serialcluster-quota-").FullName;
        try
        {
            foreach (var (quota, message) in new[]
            {
                ("quarter", "CPU_QUOTA=quarter is not a number of cores; allowed: e.g. 0.25, 0.5, 1.5"),
                ("0.001", "CPU_QUOTA=0.001 gives 10 µs per 10000 µs period; the kernel's least quota is 1000 µs"),
                ("4096", "CPU_QUOTA=4096 is outside (0, "),
            })
            {
                var (exitCode, text) = await Tool.RunAsync(
                    "env", [$"STATE_DIR={state}", $"CPU_QUOTA={quota}", bash, Repository.File("deploy/local-cluster.sh"), "prometheus-config"],
                    TimeSpan.FromSeconds(30));
                Assert.NotEqual(0, exitCode);
                Assert.Contains(message, text, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }
}
