using System.Globalization;

namespace SerialCluster.Integration.Tests.Infrastructure;

/// <summary>The CPUs this process may run on (Linux <c>Cpus_allowed_list</c>), so pinning uses CPUs that exist here.</summary>
public static class CpuSet
{
    public static IReadOnlyList<int> Allowed()
    {
        const string key = "Cpus_allowed_list:";
        var line = File.Exists("/proc/self/status")
            ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal))
            : null;
        if (line is null)
        {
            return [.. Enumerable.Range(0, Environment.ProcessorCount)];
        }

        var cpus = new List<int>();
        foreach (var part in line[key.Length..].Trim().Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var range = part.Split('-');
            var first = int.Parse(range[0], CultureInfo.InvariantCulture);
            var last = range.Length > 1 ? int.Parse(range[1], CultureInfo.InvariantCulture) : first;
            cpus.AddRange(Enumerable.Range(first, last - first + 1));
        }

        return cpus;
    }
}
