using System.Globalization;

namespace SerialCluster.Cli.Bench;

/// <summary>Number formatting for the report: invariant culture, units spelled out.</summary>
public static class BenchFormat
{
    public static string Seconds(double seconds) => Output.Durations.Precise(seconds);

    public static string Micro(double microseconds) => F($"{microseconds:F1} µs");

    public static string Rate(double perSecond) => perSecond.ToString("0.00e0", CultureInfo.InvariantCulture);

    public static string Ratio(double value) => F($"{value:F3}");

    public static string Megabytes(long bytes) => F($"{bytes / 1048576.0:F1} MiB");

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static double Percentile(IReadOnlyList<double> sorted, double percent)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var index = (int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }

    public static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
