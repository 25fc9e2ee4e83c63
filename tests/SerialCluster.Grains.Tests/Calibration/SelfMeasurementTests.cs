using SerialCluster.Abstractions.Calibration;
using Xunit.Abstractions;

namespace SerialCluster.Grains.Tests.Calibration;

/// <summary>Every silo of the shared cluster (default options) measures itself and its hops to every silo.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class SelfMeasurementTests(ClusterFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task EverySiloPublishesAMeasuredCalibration()
    {
        var capacities = await Capacities.WaitForCalibrationAsync(fixture.Cluster);
        foreach (var capacity in capacities.Values)
        {
            var c = capacity.Calibration!;
            output.WriteLine(
                $"{capacity.Silo}: single {c.SingleThreadScore:N0}/s, all-core {c.AllCoreScore:N0}/s, {c.UsableCores}/{c.ProcessorCount} cores, {c.CpuModel} " +
                $"@ {c.ClockMHz:F0} MHz, {c.MeasurementSeconds:F2} s");
            Assert.False(c.Overridden);
            Assert.InRange(c.SingleThreadScore, 1e4, 1e9);
            Assert.InRange(c.AllCoreScore, 1e4, 1e10);
            Assert.Equal(Environment.ProcessorCount, c.ProcessorCount);
            Assert.InRange(c.UsableCores, 0.01, c.ProcessorCount);
            Assert.False(string.IsNullOrWhiteSpace(c.CpuModel));
            // Single-thread for ≥ 200 ms plus all-core for as long: the measurement itself is at least 0.4 s.
            Assert.True(c.MeasurementSeconds >= 0.4, $"{capacity.Silo} measured for only {c.MeasurementSeconds} s");
            Assert.Equal(SiloRole.Any, capacity.Role);
        }
    }

    [Fact]
    public async Task EverySiloMeasuresHopsToEverySiloItselfIncluded()
    {
        var names = fixture.Cluster.Silos.Select(s => s.Name).Order(StringComparer.Ordinal).ToList();
        var capacities = await Capacities.WaitUntilAsync(
            fixture.Cluster,
            c => names.All(n => c.Hops.Any(h => h.Peer == n)),
            "every silo's hop latencies to every silo");
        Assert.Equal(names, capacities.Keys.Order(StringComparer.Ordinal));
        foreach (var capacity in capacities.Values)
        {
            Assert.Equal(names, capacity.Hops.Select(h => h.Peer));
            foreach (var hop in capacity.Hops)
            {
                output.WriteLine($"{capacity.Silo} → {hop.Peer}: p50 {hop.P50Microseconds:F0} µs, p99 {hop.P99Microseconds:F0} µs ({hop.Samples} samples)");
                Assert.True(hop.P50Microseconds > 0);
                Assert.True(hop.P99Microseconds >= hop.P50Microseconds);
                Assert.InRange(hop.Samples, 1, 100);
            }
        }
    }
}
