using System.Globalization;

namespace SerialCluster.Analysis.Caveats;

/// <summary>
/// A speedup above the cores that produced it: no program divides its work into more than P parts' worth of time on
/// P cores, so efficiency beyond 100 % (past <see cref="Noise"/>) means the baseline it is measured against was slowed
/// (a busy machine, a cold start), not that the program is super-linear. Such a figure is flagged, never a finding.
/// </summary>
public static class ImpossibleEfficiency
{
    /// <summary>Efficiency may exceed 100 % by this share from run-to-run scatter alone.</summary>
    public const double Noise = 0.1;

    public static bool Is(double speedup, double cores) => cores >= 1 && double.IsFinite(speedup) && speedup > cores * (1 + Noise);

    /// <summary>"2.60× on 2 cores is 130 % efficiency: …"; one sentence for a verdict or a finding.</summary>
    public static string Describe(double speedup, double cores) => string.Create(
        CultureInfo.InvariantCulture,
        $"{speedup:F2}× on {cores:0.##} core(s) is {speedup / cores:P0} efficiency, more than 100 % beyond noise: impossible for the program, so " +
        $"its baseline was slowed (a busy machine, a cold start); inconclusive");
}
