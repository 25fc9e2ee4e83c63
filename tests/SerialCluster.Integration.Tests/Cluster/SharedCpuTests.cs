using System.Globalization;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Grains.Calibration;
using SerialCluster.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SerialCluster.Integration.Tests.Cluster;

/// <summary>
/// The Docker Compose placement with real silo processes pinned by taskset: a serial silo alone on one CPU, three
/// parallel silos sharing another. The cluster has two cores: each CPU once, whoever shares it
/// (docs/CALIBRATION.md, "Shared CPUs").
/// </summary>
[Trait("Category", "Integration")]
[Collection(ProcessCollection.Name)]
public sealed class SharedCpuTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task ASerialCpuAndASharedParallelCpuAreTwoCores()
    {
        Requirements.Taskset();
        var cpus = CpuSet.Allowed();
        Skip.If(cpus.Count < 2, $"needs 2 CPUs to pin the serial silo and the parallel ones apart; this process may use {cpus.Count}");
        var (serialCpu, sharedCpu) = (cpus[0].ToString(CultureInfo.InvariantCulture), cpus[1].ToString(CultureInfo.InvariantCulture));

        await using var cluster = await ProcessCluster.CreateAsync();
        string[] parallel = SiloProcess.Setting("Role", "parallel");
        await cluster.StartSilosAsync(
            new SiloSpec("serial", SiloProcess.Setting("Role", "serial"), Cpus: serialCpu),
            new SiloSpec("parallel-1", parallel, Cpus: sharedCpu),
            new SiloSpec("parallel-2", parallel, Cpus: sharedCpu),
            new SiloSpec("parallel-3", parallel, Cpus: sharedCpu));
        await cluster.ConnectAsync();
        var members = await cluster.WaitForActiveSilosAsync("serial", "parallel-1", "parallel-2", "parallel-3");
        var capacities = await Calibrations.WaitForAllAsync(cluster, members);
        foreach (var capacity in capacities.Values.OrderBy(c => c.Silo, StringComparer.Ordinal))
        {
            output.WriteLine(
                $"{capacity.Silo}: host {capacity.Host}, cpus {capacity.CpuSet}, pid {capacity.ProcessId}, usable {capacity.Calibration!.UsableCores}");
        }

        Assert.Single(capacities.Values.Select(CoreClaims.HostOf).Distinct(StringComparer.Ordinal));
        Assert.Equal(serialCpu, capacities["serial"].CpuSet);
        Assert.All(capacities.Values.Where(c => c.Silo != "serial"), c => Assert.Equal(sharedCpu, c.CpuSet));
        Assert.Equal(4, capacities.Values.Select(c => c.ProcessId).Distinct().Count());

        // P = 0: every core the cluster has. The coordinator read two, and recorded them with the job.
        var status = await cluster.RunJobAsync("montecarlo", new() { ["samples"] = "2000000", ["tasks"] = "8" }, JobMode.Scatter, 0);
        output.WriteLine($"cores {status.Profile!.MachineCores}, tasks by silo {string.Join(", ", status.Profile.Silos.Select(p => $"{p.Key}={p.Value}"))}");
        Assert.Equal(2, status.Profile.MachineCores);
    }
}
