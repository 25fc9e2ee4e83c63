using System.Globalization;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Grains.Tests.Calibration;

namespace SerialCluster.Grains.Tests.Placement;

/// <summary>Before any calibration has arrived: chains go to the first active silo in address order, tasks spread by processor count.</summary>
[Collection(UncalibratedCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class UncalibratedPlacementTests(UncalibratedFixture fixture)
{
    private const int Repeats = 20;

    private string FirstInAddressOrder => fixture.Cluster.Silos
        .OrderBy(s => s.SiloAddress.ToParsableString(), StringComparer.Ordinal)
        .First().Name;

    [Fact]
    public async Task SilosThatDoNotCalibratePublishNoCalibration()
    {
        var capacities = await Capacities.ReadAsync(fixture.Cluster);
        Assert.Equal(UncalibratedFixture.SiloCount, capacities.Count);
        Assert.All(capacities.Values, c => Assert.Null(c.Calibration));
        Assert.All(capacities.Values, c => Assert.Equal(Environment.ProcessorCount, c.Cores));
    }

    [Fact]
    public async Task ChainsGoToTheFirstSiloInAddressOrder20Of20()
    {
        var landed = new List<string?>();
        for (var i = 0; i < Repeats; i++)
        {
            var scattered = await JobDriver.RunCompletedAsync(
                fixture.Client,
                "hashchain",
                new Dictionary<string, string> { ["steps"] = "2000" },
                JobMode.Scatter,
                0);
            var pinned = await JobDriver.RunCompletedAsync(
                fixture.Client,
                "hashchain",
                new Dictionary<string, string> { ["steps"] = "2000" },
                JobMode.Pinned,
                0);
            landed.Add(scattered.Profile!.SerialSilo);
            landed.Add(pinned.Profile!.SerialSilo);
        }

        Assert.Equal(Enumerable.Repeat<string?>(FirstInAddressOrder, 2 * Repeats), landed);
    }

    [Fact]
    public async Task TasksSpreadByProcessorCount()
    {
        // Without calibration each silo's weight is its processor count; equal here, so one wave splits evenly.
        var parallelism = UncalibratedFixture.SiloCount * Environment.ProcessorCount;
        var parameters = new Dictionary<string, string>
        {
            ["samples"] = "400000",
            ["tasks"] = parallelism.ToString(CultureInfo.InvariantCulture),
        };
        var status = await JobDriver.RunCompletedAsync(fixture.Client, "montecarlo", parameters, JobMode.Scatter, parallelism);
        Assert.Equal(UncalibratedFixture.SiloCount, status.Profile!.Silos.Count);
        Assert.All(status.Profile.Silos.Values, count => Assert.Equal(Environment.ProcessorCount, count));
    }
}
