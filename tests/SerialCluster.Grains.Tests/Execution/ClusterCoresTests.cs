using SerialCluster.Abstractions.Jobs;
using SerialCluster.CostModel.Cores;
using SerialCluster.Grains.Calibration;
using SerialCluster.Grains.Tests.Calibration;

namespace SerialCluster.Grains.Tests.Execution;

/// <summary>The shared cluster's silos all live in this process, on this machine's CPUs: together they have its cores, once.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class ClusterCoresTests(ClusterFixture fixture)
{
    [Fact]
    public async Task SilosOfOneProcessShareTheMachinesCores()
    {
        var capacities = await Capacities.WaitForCalibrationAsync(fixture.Cluster);
        var silos = capacities.Values.ToList();
        Assert.Equal(ClusterFixture.SiloCount, silos.Count);
        Assert.Single(silos.Select(CoreClaims.HostOf).Distinct());
        Assert.Single(silos.Select(CoreClaims.ProcessOf).Distinct());
        Assert.All(silos, s => Assert.Equal(Environment.ProcessId, s.ProcessId));
        var claims = silos.Select(CoreClaims.Of).ToList();
        Assert.All(claims, c => Assert.Equal(ClusterFixture.SiloCount, SharedCores.SharingWith(c, claims)));

        var machine = Math.Max(1, (int)Math.Round(silos.Max(s => s.Calibration!.UsableCores)));
        var status = await JobDriver.RunCompletedAsync(
            fixture.Client, "montecarlo", new Dictionary<string, string> { ["samples"] = "300000", ["tasks"] = "3" }, JobMode.Scatter, 3);
        // The coordinator read the cluster as the job ended: the machine's cores, not silos × cores.
        Assert.Equal(machine, status.Profile!.MachineCores);
    }
}
