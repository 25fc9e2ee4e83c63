using System.Globalization;
using System.Text;

namespace SerialCluster.CostModel.Cores;

/// <summary>
/// The kernel's CPU list notation ("0-3,6", as in <c>Cpus_allowed_list</c> and a cgroup's <c>cpuset.cpus</c>), read into a
/// set of CPU numbers and written back in its shortest form, so two silos on the same CPUs report the same text.
/// </summary>
public static class CpuList
{
    /// <summary>The CPUs a list names; null when it is empty or not a CPU list.</summary>
    public static IReadOnlySet<int>? Parse(string? list)
    {
        var set = new SortedSet<int>();
        foreach (var part in (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            var firstText = dash < 0 ? part : part[..dash];
            var lastText = dash < 0 ? part : part[(dash + 1)..];
            if (!int.TryParse(firstText, NumberStyles.None, CultureInfo.InvariantCulture, out var first) ||
                !int.TryParse(lastText, NumberStyles.None, CultureInfo.InvariantCulture, out var last) || last < first)
            {
                return null;
            }

            for (var cpu = first; cpu <= last; cpu++)
            {
                set.Add(cpu);
            }
        }

        return set.Count > 0 ? set : null;
    }

    /// <summary>The shortest list naming <paramref name="cpus"/>: ascending, runs of two or more as ranges ("0-1,4").</summary>
    public static string Format(IEnumerable<int> cpus)
    {
        var text = new StringBuilder();
        var sorted = cpus.Distinct().Order().ToList();
        for (var i = 0; i < sorted.Count; i++)
        {
            var first = sorted[i];
            while (i + 1 < sorted.Count && sorted[i + 1] == sorted[i] + 1)
            {
                i++;
            }

            text.Append(text.Length > 0 ? "," : string.Empty)
                .Append(first.ToString(CultureInfo.InvariantCulture))
                .Append(sorted[i] > first ? "-" + sorted[i].ToString(CultureInfo.InvariantCulture) : string.Empty);
        }

        return text.ToString();
    }
}
