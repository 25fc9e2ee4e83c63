using SerialCluster.Abstractions.Grains;
using SerialCluster.Grains.Placement;

namespace SerialCluster.Grains.Execution;

/// <summary>The active silos and their capacities, read once per job from membership and each silo's worker.</summary>
public sealed class ClusterView
{
    private ClusterView(IReadOnlyList<SiloSlot> silos) => Silos = silos;

    public IReadOnlyList<SiloSlot> Silos { get; }

    /// <summary>Every core the cluster has: per machine the largest silo's cores, summed (silos on one machine share its cores).</summary>
    public int TotalCores => Silos.GroupBy(s => s.Machine, StringComparer.Ordinal).Sum(g => g.Max(s => s.Cores));

    /// <summary>Where serial chains go. Until silos are calibrated: the first active silo in address order, so the choice is stable.</summary>
    public SiloSlot SerialSilo => Silos[0];

    public static async Task<ClusterView> ReadAsync(IClusterMembershipService membership, IGrainFactory grains)
    {
        var active = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active)
            .Select(m => m.SiloAddress)
            .OrderBy(a => a.ToParsableString(), StringComparer.Ordinal)
            .ToList();
        if (active.Count == 0)
        {
            throw new InvalidOperationException("No active silo is in the membership table.");
        }

        var capacities = await Task.WhenAll(active.Select(a => grains.GetGrain<IWorkerGrain>(SiloKey.Format(a, "worker")).GetCapacityAsync()));
        return new ClusterView([.. active.Select((a, i) => new SiloSlot(a, capacities[i].Silo, capacities[i].Machine, capacities[i].Cores))]);
    }
}
