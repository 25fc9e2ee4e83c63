using System.Diagnostics;
using System.Globalization;

namespace SerialCluster.Cli.Commands;

/// <summary>
/// The whole sweep's progress: jobs done of every job it will run (warm-up, pinned baseline, swept runs, capacity
/// controls), and the time left at the pace so far, prefixed to each line the sweep prints.
/// </summary>
public sealed class SweepProgress(int totalJobs)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public int Done { get; private set; }

    public int Total { get; } = totalJobs;

    /// <summary>Counts one finished job and returns the prefix for its line, e.g. <c>[7/24, ~31 s left]</c>.</summary>
    public string Step()
    {
        Done = Math.Min(Total, Done + 1);
        var left = Done >= Total ? 0 : _clock.Elapsed.TotalSeconds / Done * (Total - Done);
        return string.Create(CultureInfo.InvariantCulture, $"[{Done}/{Total}, ~{Eta(left)} left]");
    }

    /// <summary>Seconds as a short duration: <c>42 s</c>, <c>3 min</c>, <c>2.5 h</c>.</summary>
    public static string Eta(double seconds) => seconds switch
    {
        < 90 => string.Create(CultureInfo.InvariantCulture, $"{seconds:F0} s"),
        < 5400 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:F0} min"),
        < 172800 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:F1} h"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds / 86400:F1} days"),
    };
}
