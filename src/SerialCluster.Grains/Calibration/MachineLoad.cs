using SerialCluster.Abstractions.Execution;
using SerialCluster.CostModel.Cores;
using SerialCluster.CostModel.Prediction;

namespace SerialCluster.Grains.Calibration;

/// <summary>What the recent CPU load readings of one host's silos say about the programs other than the cluster running there.</summary>
public static class MachineLoad
{
    /// <summary>
    /// Cores that programs other than the cluster keep busy on one machine, from the <paramref name="loads"/> of
    /// its silos set side by side slice by slice (see <see cref="ForeignLoad.Estimate"/>); 0 when any silo there has
    /// no reading, or the readings share no slice. Readings with one process id come from one process, and all of them
    /// cover the same CPUs.
    /// </summary>
    public static double ForeignBusyCores(IReadOnlyCollection<CpuLoad?> loads) =>
        loads.Count == 0 || loads.Any(l => l is null)
            ? 0
            : Estimate([.. loads.OfType<CpuLoad>().GroupBy(l => l.ProcessId).Select(g => (CpuSet: (string?)null, Load: g.Last()))]);

    /// <summary>
    /// Cores that programs other than the cluster keep busy on one host, from the readings of its <paramref name="silos"/>
    /// (see <see cref="ForeignLoad.Estimate"/>): one reading per process (<see cref="CoreClaims.ProcessOf"/>: containers
    /// repeat process ids); the busy cores of disjoint CPU sets add up, overlapping ones count the largest. 0 when any
    /// silo there has no reading, or the readings share no slice.
    /// </summary>
    public static double ForeignBusyCores(IReadOnlyCollection<SiloCapacity?> silos) =>
        silos.Count == 0 || silos.Any(s => s?.Load is null)
            ? 0
            : Estimate([.. silos.OfType<SiloCapacity>().GroupBy(CoreClaims.ProcessOf, StringComparer.Ordinal)
                .Select(g => (g.Last().CpuSet, Load: g.Last().Load!))]);

    private static double Estimate(IReadOnlyList<(string? CpuSet, CpuLoad Load)> processes)
    {
        var sets = processes.GroupBy(p => CpuList.Parse(p.CpuSet) is { } cpus ? CpuList.Format(cpus) : string.Empty, StringComparer.Ordinal).ToList();
        var disjoint = sets.All(s => s.Key.Length > 0) && sets.Sum(s => CpuList.Parse(s.Key)!.Count) ==
            sets.SelectMany(s => CpuList.Parse(s.Key)!).Distinct().Count();
        var first = processes.Max(p => p.Load.FirstSlice);
        var last = processes.Min(p => p.Load.FirstSlice + Math.Min(p.Load.MachineBusyCores.Length, p.Load.ProcessBusyCores.Length) - 1);
        var machineBusy = new List<double>();
        var ownBusy = new List<double>();
        for (var slice = first; slice <= last; slice++)
        {
            // Each set's CPUs are read by every process on it: the busiest reading stands for the set.
            var perSet = sets.Select(set => set.Max(p => p.Load.MachineBusyCores[(int)(slice - p.Load.FirstSlice)])).ToList();
            machineBusy.Add(disjoint ? perSet.Sum() : perSet.Max());
            ownBusy.Add(processes.Sum(p => p.Load.ProcessBusyCores[(int)(slice - p.Load.FirstSlice)]));
        }

        return ForeignLoad.Estimate(machineBusy, ownBusy);
    }

    /// <summary>The latest slice's figures of one silo: the busy cores it can see and those its process used; null when it has none.</summary>
    public static (double MachineBusyCores, double ProcessBusyCores)? Latest(CpuLoad? load)
    {
        if (load is null)
        {
            return null;
        }

        for (var i = Math.Min(load.MachineBusyCores.Length, load.ProcessBusyCores.Length) - 1; i >= 0; i--)
        {
            if (!double.IsNaN(load.MachineBusyCores[i]) && !double.IsNaN(load.ProcessBusyCores[i]))
            {
                return (load.MachineBusyCores[i], load.ProcessBusyCores[i]);
            }
        }

        return null;
    }
}
