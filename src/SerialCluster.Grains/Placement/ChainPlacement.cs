using SerialCluster.Abstractions.Calibration;
using SerialCluster.Grains.Execution;

namespace SerialCluster.Grains.Placement;

/// <summary>Where a job's serial chains (and whole pinned jobs) go. Parallel tasks go by <see cref="TaskPlacement"/>.</summary>
public static class ChainPlacement
{
    /// <summary>
    /// Among silos whose role allows chains (all silos if none does), the highest single-thread score; ties go to
    /// fewer running chains, then address order. Before any silo has calibrated: the silo with the fewest running
    /// chains, then address order.
    /// </summary>
    public static SiloSlot SerialSilo(IReadOnlyList<SiloSlot> silos)
    {
        var candidates = silos.Where(s => s.Role != SiloRole.Parallel).ToList();
        if (candidates.Count == 0)
        {
            candidates = [.. silos];
        }

        return candidates
            .OrderByDescending(s => s.SingleThreadScore ?? double.NegativeInfinity)
            .ThenBy(s => s.Capacity.RunningChains)
            .First();
    }
}
