namespace SerialCluster.CostModel.Prediction;

/// <summary>
/// How many cores of one machine other programs keep busy: per time slice, the machine's busy cores less what the
/// cluster's own processes used, then the smallest figure over the recent slices. The minimum, because only load that
/// persists takes cores from the next job; a burst that came and went (a client starting, the last job's tail) does not.
/// </summary>
public static class ForeignLoad
{
    /// <summary>
    /// <paramref name="machineBusy"/>: per slice, the machine's busy cores (the largest reading of any of the
    /// cluster's processes there, which may see different CPU sets); <paramref name="ownBusy"/>: per slice, the
    /// cores the cluster's processes there used, summed over processes. Slices with no reading are NaN and skipped.
    /// Returns 0 when no slice has both figures.
    /// </summary>
    public static double Estimate(IReadOnlyList<double> machineBusy, IReadOnlyList<double> ownBusy)
    {
        var lowest = double.PositiveInfinity;
        for (var i = 0; i < Math.Min(machineBusy.Count, ownBusy.Count); i++)
        {
            if (double.IsNaN(machineBusy[i]) || double.IsNaN(ownBusy[i]))
            {
                continue;
            }

            lowest = Math.Min(lowest, Math.Max(0, machineBusy[i] - ownBusy[i]));
        }

        return double.IsPositiveInfinity(lowest) ? 0 : lowest;
    }

    /// <summary>
    /// The share of a core each of <paramref name="threads"/> busy threads of a job gets on <paramref name="cores"/>
    /// cores that other programs keep <paramref name="foreign"/> cores busy on: 1 while there are enough cores,
    /// else cores ÷ every runnable thread (the kernel's fair share).
    /// </summary>
    public static double Share(double cores, double foreign, double threads)
    {
        var runnable = Math.Max(0, foreign) + Math.Max(1, threads);
        return Math.Clamp(cores / runnable, 0.05, 1);
    }
}
