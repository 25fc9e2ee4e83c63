using System.Globalization;

namespace SerialCluster.Analysis.Scaling;

/// <summary>Says in words what a measured speedup means, given what the plan allows.</summary>
public static class ScalingVerdict
{
    /// <summary>A bound this close to 1 means the plan is a chain: more cores cannot help.</summary>
    public const double SerialBound = 1.1;

    /// <summary>A measured speedup within this share of the bound counts as reaching it.</summary>
    public const double ReachedShare = 0.8;

    public static string Describe(double planBound, double measuredSpeedup, int processors, int machineCores)
    {
        var saturation = processors > machineCores
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"; P={processors} exceeds the {machineCores} cores here, so beyond {machineCores} this shows saturation, not speedup")
            : string.Empty;
        if (planBound < SerialBound)
        {
            return "serial: more cores cannot help; a faster core would" + saturation;
        }

        if (processors <= 1)
        {
            return "parallel: give it more than one core to see it scale" + saturation;
        }

        var share = measuredSpeedup / Math.Min(planBound, Math.Min(processors, machineCores));
        return share >= ReachedShare
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"parallel: more cores help ({share:P0} of the ideal on {Math.Min(processors, machineCores)} cores)") + saturation
            : string.Create(CultureInfo.InvariantCulture, $"parallel, but overhead-bound: {share:P0} of the ideal; batch more work per task") + saturation;
    }
}
