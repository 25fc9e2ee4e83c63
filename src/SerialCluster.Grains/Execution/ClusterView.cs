using SerialCluster.Abstractions.Execution;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Grains.Calibration;
using SerialCluster.Grains.Placement;

namespace SerialCluster.Grains.Execution;

/// <summary>
/// The active silos, their roles, calibrations and loads, read once per job from membership and each silo's
/// worker. Placement decisions over them live in <c>Placement/</c> (<see cref="ChainPlacement"/>, <see cref="TaskPlacement"/>).
/// </summary>
public sealed class ClusterView
{
    private ClusterView(IReadOnlyList<SiloSlot> silos) => Silos = silos;

    /// <summary>Every active silo, in address order.</summary>
    public IReadOnlyList<SiloSlot> Silos { get; }

    /// <summary>Every core the cluster has: per machine the largest silo's cores, summed (silos on one machine share them).</summary>
    public int TotalCores => CoresOf(Silos);

    /// <summary>
    /// Cores that programs other than this cluster keep busy on <paramref name="machine"/>, from its silos' recent
    /// CPU load set side by side slice by slice (see <see cref="MachineLoad"/>); 0 when any silo there has no reading.
    /// </summary>
    public double ForeignBusyCores(string machine) =>
        MachineLoad.ForeignBusyCores([.. Silos.Where(s => s.Machine == machine).Select(s => s.Capacity.Load)]);

    /// <summary>The cores other programs keep busy, summed over the cluster's machines; null when no silo has a reading yet.</summary>
    public double? ForeignBusyCoresOfAllMachines() =>
        Silos.Any(s => s.Capacity.Load is not null)
            ? Silos.Select(s => s.Machine).Distinct(StringComparer.Ordinal).Sum(ForeignBusyCores)
            : null;

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

        var capacities = await Task.WhenAll(active.Select(a => CapacityOrNullAsync(grains, a)));
        var answered = active.Select((a, i) => (Address: a, Capacity: capacities[i])).Where(s => s.Capacity is not null).ToList();
        if (answered.Count == 0)
        {
            throw new TimeoutException($"No active silo answered within {CapacityTimeout.TotalSeconds:F0} s.");
        }

        return new ClusterView([.. answered.Select(s => new SiloSlot(s.Address, s.Capacity!))]);
    }

    /// <summary>How long a silo listed as active may take to answer; one that does not (stopped, not yet declared dead) is left out.</summary>
    public static readonly TimeSpan CapacityTimeout = TimeSpan.FromSeconds(3);

    private static async Task<SiloCapacity?> CapacityOrNullAsync(IGrainFactory grains, SiloAddress silo)
    {
        try
        {
            return await grains.GetGrain<IWorkerGrain>(SiloKey.Format(silo, "worker")).GetCapacityAsync().WaitAsync(CapacityTimeout);
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            return null;
        }
    }

    /// <summary>Cores of <paramref name="silos"/>: per machine the largest silo's cores, summed (silos on one machine share them).</summary>
    public static int CoresOf(IEnumerable<SiloSlot> silos) =>
        silos.GroupBy(s => s.Machine, StringComparer.Ordinal).Sum(g => g.Max(s => s.Cores));
}
