using System.Globalization;
using SerialCluster.Analysis.Caveats;

namespace SerialCluster.Analysis.Scaling;

/// <summary>Says in words what a measured speedup means, given what the plan allows and how busy the machine was.</summary>
public static class ScalingVerdict
{
    /// <summary>A bound this close to 1 means the plan is a chain: more cores cannot help.</summary>
    public const double SerialBound = 1.1;

    /// <summary>A measured speedup within this share of the bound counts as reaching it.</summary>
    public const double ReachedShare = 0.8;

    /// <param name="load">How busy the machine was around the runs; a busy machine makes the verdict inconclusive.</param>
    public static string Describe(double planBound, double measuredSpeedup, int processors, int machineCores, LoadDuringRun? load = null)
    {
        var verdict = Judge(planBound, measuredSpeedup, processors, machineCores);
        return load is null ? verdict : load.Qualify(verdict);
    }

    private static string Judge(double planBound, double measuredSpeedup, int processors, int machineCores)
    {
        var saturation = processors > machineCores
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"; P={processors} exceeds the {machineCores} cores here, so beyond {machineCores} this shows saturation, not speedup")
            : string.Empty;
        var cores = Math.Max(1, Math.Min(processors, machineCores));
        if (ImpossibleEfficiency.Is(measuredSpeedup, cores))
        {
            return ImpossibleEfficiency.Describe(measuredSpeedup, cores) + saturation;
        }

        if (planBound < SerialBound)
        {
            return "serial: more cores cannot help; a faster core would" + saturation;
        }

        if (processors <= 1)
        {
            return "parallel: give it more than one core to see it scale" + saturation;
        }

        var share = measuredSpeedup / Math.Min(planBound, cores);
        return share >= ReachedShare
            ? string.Create(CultureInfo.InvariantCulture, $"parallel: more cores help ({share:P0} of the ideal on {cores} cores)") + saturation
            : string.Create(CultureInfo.InvariantCulture, $"parallel, but overhead-bound: {share:P0} of the ideal; batch more work per task") + saturation;
    }
}
