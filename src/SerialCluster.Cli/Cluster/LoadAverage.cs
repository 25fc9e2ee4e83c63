using System.Globalization;

namespace SerialCluster.Cli.Cluster;

/// <summary>This machine's load, for messages about time-outs: a connection that is slow on a busy machine is not a dead cluster.</summary>
public static class LoadAverage
{
    /// <summary>"load average 12.8 on 2 cores", or the cores alone where the load average cannot be read (not Linux).</summary>
    public static string Describe()
    {
        var cores = Environment.ProcessorCount;
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
            if (double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var load))
            {
                return string.Create(CultureInfo.InvariantCulture, $"load average {load:F1} on {cores} cores");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or IndexOutOfRangeException)
        {
            // Not Linux, or /proc is not mounted: the core count alone still helps.
        }

        return $"{cores} cores";
    }
}
