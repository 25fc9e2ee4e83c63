using System.Globalization;

namespace SerialCluster.Cli.Output;

/// <summary>Durations as people read them in a progress line: <c>42 s</c>, <c>3 min</c>, <c>2.5 h</c>, <c>4.2 days</c>.</summary>
public static class Durations
{
    public static string Short(double seconds) => seconds switch
    {
        < 90 => string.Create(CultureInfo.InvariantCulture, $"{seconds:F0} s"),
        < 5400 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:F0} min"),
        < 172800 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:F1} h"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds / 86400:F1} days"),
    };
}
