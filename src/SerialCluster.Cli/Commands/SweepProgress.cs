using System.Diagnostics;
using System.Globalization;
using SerialCluster.Cli.Output;

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
        return string.Create(CultureInfo.InvariantCulture, $"[{Done}/{Total}, ~{Durations.Short(left)} left]");
    }
}
