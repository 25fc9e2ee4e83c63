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

    /// <summary>
    /// A speedup past the plan's own bound beyond this share is not the program's: the pinned and the scattered forms of a
    /// plan may differ per unit by a few percent, run-to-run scatter by about as much again.
    /// </summary>
    public const double BoundNoise = 0.25;

    /// <param name="load">How busy the machine was around the runs; a busy machine makes the verdict inconclusive.</param>
    public static string Describe(double planBound, double measuredSpeedup, int processors, int machineCores, LoadDuringRun? load = null)
    {
        var verdict = Judge(planBound, measuredSpeedup, processors, machineCores);
        return load is null ? verdict : load.Qualify(verdict);
    }

    /// <summary>
    /// A speedup above what the plan allows (work ÷ span, at most the cores) is flagged like an impossible efficiency: its
    /// serial baseline was slowed (a busy machine, a cold start), and a serial chain must never read as scaling.
    /// </summary>
    private static string? AboveBound(double planBound, double measuredSpeedup, int cores)
    {
        var bound = Math.Min(Math.Max(1, planBound), cores);
        return double.IsFinite(measuredSpeedup) && measuredSpeedup > bound * (1 + BoundNoise)
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"{measuredSpeedup:F2}× is above the {bound:F2}× the plan allows on {cores} core(s), beyond noise: impossible for the program, so its " +
                $"serial baseline was slowed (a busy machine, a cold start); inconclusive")
            : null;
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

        if (AboveBound(planBound, measuredSpeedup, cores) is { } above)
        {
            return above + saturation;
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
