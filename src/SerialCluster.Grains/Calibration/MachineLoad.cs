using SerialCluster.Abstractions.Execution;
using SerialCluster.CostModel.Prediction;

namespace SerialCluster.Grains.Calibration;

/// <summary>What the recent CPU load readings of one machine's silos say about the programs other than the cluster running there.</summary>
public static class MachineLoad
{
    /// <summary>
    /// Cores that programs other than the cluster keep busy on one machine, from the <paramref name="loads"/> of
    /// its silos set side by side slice by slice (see <see cref="ForeignLoad.Estimate"/>); 0 when any silo there has
    /// no reading, or the readings share no slice.
    /// </summary>
    public static double ForeignBusyCores(IReadOnlyCollection<CpuLoad?> loads)
    {
        if (loads.Count == 0 || loads.Any(l => l is null))
        {
            return 0;
        }

        // One reading per process: silos sharing a process (an embedded cluster) report the same process time.
        var processes = loads.OfType<CpuLoad>().GroupBy(l => l.ProcessId).Select(g => g.Last()).ToList();
        var first = processes.Max(l => l.FirstSlice);
        var last = processes.Min(l => l.FirstSlice + Math.Min(l.MachineBusyCores.Length, l.ProcessBusyCores.Length) - 1);
        var machineBusy = new List<double>();
        var ownBusy = new List<double>();
        for (var slice = first; slice <= last; slice++)
        {
            var machine = double.NaN;
            var own = 0.0;
            foreach (var load in processes)
            {
                var at = (int)(slice - load.FirstSlice);
                machine = double.IsNaN(machine) ? load.MachineBusyCores[at] : Math.Max(machine, load.MachineBusyCores[at]);
                own += load.ProcessBusyCores[at];
            }

            machineBusy.Add(machine);
            ownBusy.Add(own);
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
