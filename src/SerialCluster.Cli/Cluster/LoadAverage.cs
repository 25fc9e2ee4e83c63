using System.Globalization;

namespace SerialCluster.Cli.Cluster;

/// <summary>This machine's load, for messages about time-outs: a connection that is slow on a busy machine is not a dead cluster.</summary>
public static class LoadAverage
{
    /// <summary>"load average 12.8 on 2 cores", or the cores alone where the load average cannot be read (not Linux).</summary>
    public static string Describe()
    {
        var cores = Environment.ProcessorCount;
        return Read() is { } load
            ? string.Create(CultureInfo.InvariantCulture, $"load average {load:F1} on {cores} cores")
            : $"{cores} cores";
    }

    /// <summary>
    /// <paramref name="wait"/> times the load average per core when that is above 1, at most <paramref name="longest"/>:
    /// with more runnable work than cores, every process — the gateway's and this one — gets its share that much later.
    /// </summary>
    public static TimeSpan Stretch(TimeSpan wait, TimeSpan longest)
    {
        var perCore = (Read() ?? 0) / Environment.ProcessorCount;
        return perCore <= 1 ? wait : TimeSpan.FromTicks((long)Math.Min(wait.Ticks * perCore, longest.Ticks));
    }

    /// <summary>The one-minute load average; null where it cannot be read.</summary>
    public static double? Read()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
            return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var load) ? load : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or IndexOutOfRangeException)
        {
            // Not Linux, or /proc is not mounted.
            return null;
        }
    }
}
