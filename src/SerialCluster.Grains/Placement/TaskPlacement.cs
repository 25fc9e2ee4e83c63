using SerialCluster.Abstractions.Calibration;
using SerialCluster.Grains.Execution;

namespace SerialCluster.Grains.Placement;

/// <summary>
/// Where a job's parallel tasks go: the silos a stage spreads over, and which of them gets the next task (or lane).
/// Chains go by <see cref="ChainPlacement"/>.
/// </summary>
public static class TaskPlacement
{
    /// <summary>
    /// The silos a job with parallelism <paramref name="parallelism"/> spreads tasks over: silos whose role allows
    /// parallel work, plus <see cref="SiloRole.Serial"/> silos when the others have fewer cores than P and
    /// <paramref name="serialSilosTakeOverflow"/>.
    /// </summary>
    public static IReadOnlyList<SiloSlot> ParallelSilos(IReadOnlyList<SiloSlot> silos, int parallelism, bool serialSilosTakeOverflow)
    {
        var parallel = silos.Where(s => s.Role != SiloRole.Serial).ToList();
        if (parallel.Count == 0 || (serialSilosTakeOverflow && parallelism > ClusterView.CoresOf(parallel)))
        {
            return silos;
        }

        return parallel;
    }

    /// <summary>
    /// The least-loaded silo (<see cref="SiloSlot.Load"/>) not lost, then among those the one least loaded itself
    /// (<see cref="SiloSlot.OwnLoad"/>: silos on one CPU set share a load, but slow silos under CPU quotas each run one
    /// task at a time); ties rotate by <paramref name="rotation"/> so equal silos share the work evenly. −1 when every silo is lost.
    /// </summary>
    public static int PickSilo(IReadOnlyList<SiloSlot> silos, IReadOnlyList<bool> lost, int rotation)
    {
        var best = -1;
        for (var i = 0; i < silos.Count; i++)
        {
            var candidate = (i + rotation) % silos.Count;
            if (!lost[candidate] && (best < 0 || IsLessLoaded(silos[candidate], silos[best])))
            {
                best = candidate;
            }
        }

        return best;
    }

    private static bool IsLessLoaded(SiloSlot a, SiloSlot b) => a.Load < b.Load || (a.Load == b.Load && a.OwnLoad < b.OwnLoad);
}
