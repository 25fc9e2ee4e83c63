using System.Diagnostics;
using System.Globalization;

namespace SerialCluster.Cli.Output;

/// <summary>
/// A job's pace: units per second measured from the first progress seen (so time spent queued or planning does not
/// count), and the time left at that pace; before any progress, the time left is the prediction's, when there is one.
/// </summary>
public sealed class ProgressPace(double? predictedSeconds)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _firstDone = -1;
    private TimeSpan _firstSeen;
    private long _done;
    private long _total;

    public void Observe(long done, long total)
    {
        (_done, _total) = (done, total);
        if (_firstDone < 0 && done > 0)
        {
            (_firstDone, _firstSeen) = (done, _clock.Elapsed);
        }
    }

    /// <summary>Units per second since the first progress; null until two samples a moment apart exist.</summary>
    public double? Rate
    {
        get
        {
            var seconds = (_clock.Elapsed - _firstSeen).TotalSeconds;
            return _firstDone < 0 || seconds < 0.5 || _done <= _firstDone ? null : (_done - _firstDone) / seconds;
        }
    }

    /// <summary>Seconds left; null when nothing says.</summary>
    public double? SecondsLeft => Rate is { } rate
        ? Math.Max(0, _total - _done) / rate
        : predictedSeconds is { } predicted && predicted > _clock.Elapsed.TotalSeconds ? predicted - _clock.Elapsed.TotalSeconds : null;

    /// <summary>" · 1.4 M steps/s · ~3 min left", or what of it is known.</summary>
    public string Describe(string unit) => (Rate is { } r ? $" · {Short(r)} {unit}/s" : string.Empty) + DescribeLeft();

    /// <summary>" · ~3 min left", or nothing when nothing says.</summary>
    public string DescribeLeft() =>
        SecondsLeft is { } s && _done < _total ? $" · ~{Durations.Short(s)} left{(Rate is null ? " (predicted)" : string.Empty)}" : string.Empty;

    private static string Short(double value) => value switch
    {
        >= 1e9 => string.Create(CultureInfo.InvariantCulture, $"{value / 1e9:F1} G"),
        >= 1e6 => string.Create(CultureInfo.InvariantCulture, $"{value / 1e6:F1} M"),
        >= 1e3 => string.Create(CultureInfo.InvariantCulture, $"{value / 1e3:F1} k"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{value:F1}"),
    };
}
