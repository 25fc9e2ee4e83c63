using System.Globalization;

namespace SerialCluster.Cli.Output;

/// <summary>Durations as people read them: measured times with their digits, and rough ones in a progress line.</summary>
public static class Durations
{
    /// <summary>A measured duration in the unit that shows its digits: µs below a millisecond, ms below a second, else s (never "0.000 s").</summary>
    public static string Precise(double seconds) => Math.Abs(seconds) switch
    {
        0 => "0 s",
        < 1e-3 => string.Create(CultureInfo.InvariantCulture, $"{seconds * 1e6:F1} µs"),
        < 1 => string.Create(CultureInfo.InvariantCulture, $"{seconds * 1e3:F1} ms"),
        < 10 => string.Create(CultureInfo.InvariantCulture, $"{seconds:F3} s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds:F1} s"),
    };

    /// <summary>A rough duration for a progress line: <c>42 s</c>, <c>3 min</c>, <c>2.5 h</c>, <c>4.2 days</c>.</summary>
    public static string Short(double seconds) => seconds switch
    {
        < 90 => string.Create(CultureInfo.InvariantCulture, $"{seconds:F0} s"),
        < 5400 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:F0} min"),
        < 172800 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:F1} h"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds / 86400:F1} days"),
    };
}
