using System.Globalization;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Grains.Calibration;
using SerialCluster.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SerialCluster.Integration.Tests.Cluster;

/// <summary>
/// Heterogeneity on one machine (docs/HETEROGENEITY.md): one silo pinned with taskset to a CPU that busy
/// processes share, another alone on its own CPU. Calibration must measure the first as slower, and chains
/// must avoid it, and its CPU load sampling must count the competition as foreign load.
/// </summary>
[Trait("Category", "Integration")]
[Collection(ProcessCollection.Name)]
public sealed class HeterogeneityTests(ITestOutputHelper output)
{
    /// <summary>
    /// Spinning shells sharing the slow silo's CPU: it gets about 1/(n+1) of that CPU. The scheduler moves every
    /// unpinned thread on the machine (other test processes, builds) to the fast silo's CPU, so the margin
    /// must exceed that load: twelve leave the slow silo under 8% of its CPU.
    /// </summary>
    private const int Competitors = 12;

    [SkippableFact]
    public async Task ASiloSharingItsCpuWithBusyProcessesIsRankedLowerAndChainsAvoidIt()
    {
        Requirements.Taskset();
        var cpus = CpuSet.Allowed();
        Skip.If(cpus.Count < 2, $"needs 2 CPUs to pin a slow and a fast silo apart; this process may use {cpus.Count}");
        var (slowCpu, fastCpu) = (cpus[0], cpus[1]);

        await using var cluster = await ProcessCluster.CreateAsync();
        // Both silos start on free CPUs (a quick start) and re-measure every 2 s; the busy processes start
        // once they are up, and the test waits for a measurement taken after that.
        string[] calibration = [.. SiloProcess.Setting("CalibrationInterval", "00:00:02"), .. SiloProcess.Setting("CalibrationDuration", "00:00:01")];
        await cluster.StartSilosAsync(
            new SiloSpec("slow", calibration, Cpus: slowCpu.ToString(CultureInfo.InvariantCulture)),
            new SiloSpec("fast", calibration, Cpus: fastCpu.ToString(CultureInfo.InvariantCulture)));
        await cluster.ConnectAsync();
        var members = await cluster.WaitForActiveSilosAsync("fast", "slow");
        var busy = new List<BusyProcess>();
        try
        {
            busy.AddRange(Enumerable.Range(0, Competitors).Select(_ => BusyProcess.Start(slowCpu)));
            await Poll.UntilAsync(
                "every busy process to be spinning",
                TimeSpan.FromSeconds(20),
                () => Task.FromResult(busy.All(b => b.CpuTicks() > 0) ? busy : null));
            // Only a measurement that began after this saw the competition for its whole length.
            var loadedSince = DateTimeOffset.UtcNow;
            var capacities = await Calibrations.WaitForAllAsync(cluster, members, measuredAfter: loadedSince);
            Assert.All(busy, b => Assert.False(b.HasExited, $"busy process {b.Pid} exited"));
            var slow = capacities["slow"].Calibration!;
            var fast = capacities["fast"].Calibration!;
            output.WriteLine(
                $"slow (cpu {slowCpu} shared with {Competitors} busy processes): single-thread {slow.SingleThreadScore:N0}, all-core {slow.AllCoreScore:N0}, " +
                $"usable cores {slow.UsableCores}");
            output.WriteLine(
                $"fast (cpu {fastCpu} alone): single-thread {fast.SingleThreadScore:N0}, all-core {fast.AllCoreScore:N0}, usable cores {fast.UsableCores}");
            output.WriteLine($"ratio slow/fast: {slow.SingleThreadScore / fast.SingleThreadScore:F2}");
            Assert.True(
                slow.SingleThreadScore < fast.SingleThreadScore,
                $"the contended silo measured {slow.SingleThreadScore:N0}, not below the free one's {fast.SingleThreadScore:N0} (load average " +
                $"{LoadAverage()}: other processes crowd the fast silo's CPU too)");

            // The silos' CPU load sampling sees the competition too: the busy processes keep the slow silo's CPU
            // busy throughout, and the cost model counts that as cores other programs take (docs/HETEROGENEITY.md).
            var foreign = await Poll.UntilAsync("the slow silo's CPU load to show the competing processes", TimeSpan.FromSeconds(20), async () =>
            {
                var loads = await cluster.ReadCapacitiesAsync(members);
                var estimate = MachineLoad.ForeignBusyCores([loads["slow"].Load]);
                return estimate >= 0.5 ? estimate.ToString("F2", CultureInfo.InvariantCulture) : null;
            });
            output.WriteLine($"cores other programs keep busy on the slow silo's CPU: {foreign}");

            var chain = await cluster.RunJobAsync("hashchain", new() { ["steps"] = "200000" }, JobMode.Scatter, 2);
            var pinned = await cluster.RunJobAsync("montecarlo", new() { ["samples"] = "4000000", ["tasks"] = "4" }, JobMode.Pinned, 0);
            output.WriteLine(
                $"hashchain chain on {chain.Profile!.SerialSilo} in {chain.Profile.WallSeconds:F3} s; pinned montecarlo on {pinned.Profile!.SerialSilo} in " +
                $"{pinned.Profile.WallSeconds:F3} s");
            Assert.Equal("fast", chain.Profile.SerialSilo);
            Assert.Equal("fast", pinned.Profile.SerialSilo);
        }
        finally
        {
            busy.ForEach(b => b.Dispose());
        }
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";
}
