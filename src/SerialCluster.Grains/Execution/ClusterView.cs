using SerialCluster.Abstractions.Execution;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.CostModel.Cores;
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

    /// <summary>Every core the cluster has, shared CPUs counted once (see <see cref="CoresOf"/>).</summary>
    public int TotalCores => CoresOf(Silos);

    /// <summary>
    /// Cores that programs other than this cluster keep busy on <paramref name="host"/>, from its silos' recent CPU load
    /// set side by side slice by slice (see <see cref="MachineLoad"/>); 0 when any silo there has no reading.
    /// </summary>
    public double ForeignBusyCores(string host) =>
        MachineLoad.ForeignBusyCores([.. Silos.Where(s => s.Host == host).Select(s => s.Capacity)]);

    /// <summary>The cores other programs keep busy, summed over the cluster's hosts; null when no silo has a reading yet.</summary>
    public double? ForeignBusyCoresOfAllMachines() =>
        Silos.Any(s => s.Capacity.Load is not null)
            ? Silos.Select(s => s.Host).Distinct(StringComparer.Ordinal).Sum(ForeignBusyCores)
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

        return Of([.. answered.Select(s => (s.Address, s.Capacity!))]);
    }

    /// <summary>
    /// The view of silos that answered: each with the <see cref="CoreShare"/> of the silos on its host and CPU set, whose
    /// cores are those the set's silos have together less the tasks they run for other jobs.
    /// </summary>
    public static ClusterView Of(IReadOnlyList<(SiloAddress Address, SiloCapacity Capacity)> silos)
    {
        var claims = silos.Select(s => CoreClaims.Of(s.Capacity)).ToList();
        var index = new Dictionary<CoreClaim, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < claims.Count; i++)
        {
            index[claims[i]] = i;
        }

        var shares = new CoreShare?[silos.Count];
        foreach (var (members, cores) in SharedCores.Sets(claims))
        {
            var running = members.Sum(m => silos[index[m]].Capacity.RunningTasks);
            var share = new CoreShare(WholeCores(cores) - running, members.Count);
            foreach (var member in members)
            {
                shares[index[member]] = share;
            }
        }

        return new ClusterView([.. silos.Select((s, i) => new SiloSlot(s.Address, s.Capacity, shares[i]))]);
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

    /// <summary>
    /// Cores of <paramref name="silos"/>: per host, the CPUs its silos can use together (<see cref="SharedCores"/>: silos on
    /// one CPU set share it, containers on one host share its CPUs), summed over hosts; whole cores, at least 1.
    /// </summary>
    public static int CoresOf(IEnumerable<SiloSlot> silos) => WholeCores(SharedCores.Total(silos.Select(s => CoreClaims.Of(s.Capacity))));

    private static int WholeCores(double cores) => Math.Max(1, (int)Math.Round(cores));
}
