using System.Diagnostics;
using Orleans.TestingHost;
using SerialCluster.Abstractions.Execution;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Grains.Placement;

namespace SerialCluster.Grains.Tests.Calibration;

/// <summary>Reads what every silo of a test cluster publishes, and waits for it with a deadline.</summary>
public static class Capacities
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>Every silo's capacity, keyed by silo name.</summary>
    public static async Task<Dictionary<string, SiloCapacity>> ReadAsync(InProcessTestCluster cluster)
    {
        var capacities = await Task.WhenAll(cluster.Silos.Select(s =>
            cluster.Client.GetGrain<IWorkerGrain>(SiloKey.Format(s.SiloAddress, "worker")).GetCapacityAsync()));
        return capacities.ToDictionary(c => c.Silo, StringComparer.Ordinal);
    }

    /// <summary>Polls until <paramref name="ready"/> holds for every silo's capacity; the timeout names the silos that were not.</summary>
    public static async Task<Dictionary<string, SiloCapacity>> WaitUntilAsync(InProcessTestCluster cluster, Func<SiloCapacity, bool> ready, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var capacities = await ReadAsync(cluster);
            var waiting = capacities.Values.Where(c => !ready(c)).Select(c => c.Silo).ToList();
            if (waiting.Count == 0 && capacities.Count == cluster.Silos.Count)
            {
                return capacities;
            }

            if (clock.Elapsed > Deadline)
            {
                throw new TimeoutException($"waited {Deadline} for {what}; still waiting for {string.Join(", ", waiting)}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Every silo has published a full calibration (the all-core figure is measured, not only overrides).</summary>
    public static Task<Dictionary<string, SiloCapacity>> WaitForCalibrationAsync(InProcessTestCluster cluster) =>
        WaitUntilAsync(cluster, c => c.Calibration is { AllCoreScore: > 0 }, "every silo's first calibration");
}
