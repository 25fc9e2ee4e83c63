using System.Globalization;
using SerialCluster.CostModel.Cores;

namespace SerialCluster.Grains.Calibration.Host;

/// <summary>
/// The kernel's cumulative CPU time counters (<c>/proc/stat</c>) for a set of CPUs: busy and total jiffies, and how many CPUs they cover. Two
/// readings a slice apart give how many of those CPUs were busy during the slice, whoever kept them busy.
/// </summary>
public static class CpuCounters
{
    /// <summary>
    /// Busy and total jiffies summed over the CPUs in <paramref name="cpus"/> (all CPUs when null), from the
    /// <c>cpuN</c> lines of <c>/proc/stat</c> content. Busy is everything but idle and iowait. Null when no line matches.
    /// </summary>
    public static (long Busy, long Total, int Cpus)? Parse(string procStat, IReadOnlySet<int>? cpus)
    {
        long busy = 0;
        long total = 0;
        var count = 0;
        foreach (var line in procStat.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!line.StartsWith("cpu", StringComparison.Ordinal) || line.Length < 4 || !char.IsAsciiDigit(line[3]))
            {
                continue;
            }

            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (!int.TryParse(fields[0].AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var cpu) ||
                (cpus is not null && !cpus.Contains(cpu)) || fields.Length < 5)
            {
                continue;
            }

            long lineTotal = 0;
            long idle = 0;
            // user nice system idle iowait irq softirq steal [guest guest_nice: already counted in user and nice]
            for (var i = 1; i < Math.Min(fields.Length, 9); i++)
            {
                var value = long.Parse(fields[i], NumberStyles.None, CultureInfo.InvariantCulture);
                lineTotal += value;
                if (i is 4 or 5)
                {
                    idle += value;
                }
            }

            busy += lineTotal - idle;
            total += lineTotal;
            count++;
        }

        return count > 0 ? (busy, total, count) : null;
    }

    /// <summary>
    /// The CPUs this process may run on, from the <c>Cpus_allowed_list</c> line of <c>/proc/self/status</c>
    /// content ("0-3,6"); null when absent or unreadable.
    /// </summary>
    public static IReadOnlySet<int>? ParseAllowedList(string status)
    {
        foreach (var line in status.Split('\n'))
        {
            if (!line.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal))
            {
                continue;
            }

            return CpuList.Parse(line["Cpus_allowed_list:".Length..]);
        }

        return null;
    }

    /// <summary>Reads this machine's counters for the CPUs this process may use; null where <c>/proc</c> is not there (not Linux).</summary>
    public static (long Busy, long Total, int Cpus)? ReadForThisProcess()
    {
        var stat = SystemFiles.ReadOrNull("/proc/stat");
        if (stat is null)
        {
            return null;
        }

        var status = SystemFiles.ReadOrNull("/proc/self/status");
        return Parse(stat, status is null ? null : ParseAllowedList(status));
    }
}
