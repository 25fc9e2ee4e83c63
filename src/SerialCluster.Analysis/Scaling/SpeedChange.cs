using System.Globalization;

namespace SerialCluster.Analysis.Scaling;

/// <summary>A change of time in words a reader does not have to invert: "1.50× faster", "1.50× slower", never "0.67× faster".</summary>
public static class SpeedChange
{
    /// <summary>Ratios within this share of 1 are "the same time".</summary>
    public const double Same = 0.005;

    /// <summary>How <paramref name="seconds"/> compares with <paramref name="baselineSeconds"/>.</summary>
    public static string Describe(double baselineSeconds, double seconds)
    {
        if (!(baselineSeconds > 0) || !(seconds > 0) || !double.IsFinite(baselineSeconds) || !double.IsFinite(seconds))
        {
            return "—";
        }

        var ratio = baselineSeconds / seconds;
        if (Math.Abs(ratio - 1) <= Same)
        {
            return "same time";
        }

        return ratio > 1
            ? string.Create(CultureInfo.InvariantCulture, $"{ratio:F2}× faster")
            : string.Create(CultureInfo.InvariantCulture, $"{1 / ratio:F2}× slower");
    }
}
