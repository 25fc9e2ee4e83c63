using System.Globalization;

namespace SerialCluster.Grains.Calibration.Host;

/// <summary>
/// The CPU quota the kernel enforces on this process through cgroups, in cores (1.5 = 150 ms of CPU per
/// 100 ms), or null when there is none. Both cgroup v2 (<c>cpu.max</c>) and v1 (<c>cpu.cfs_quota_us</c> /
/// <c>cpu.cfs_period_us</c>) are read, for this process's own cgroup and every ancestor up to the mount
/// point (a parent's limit binds its children); the tightest one wins.
/// </summary>
public static class CpuQuota
{
    private static readonly string[] V1Mounts = ["sys/fs/cgroup/cpu", "sys/fs/cgroup/cpu,cpuacct", "sys/fs/cgroup/cpuacct,cpu"];

    /// <summary>Reads the quota from the file system under <paramref name="root"/> (tests pass a fake tree); null when unlimited or unknown.</summary>
    public static double? Read(string root = "/")
    {
        var (v2Path, v1Path) = ParseProcSelfCgroup(SystemFiles.ReadOrNull(Path.Combine(root, "proc/self/cgroup")) ?? string.Empty);
        double? tightest = null;
        foreach (var directory in Directories(Path.Combine(root, "sys/fs/cgroup"), v2Path))
        {
            tightest = Min(tightest, ParseCpuMax(SystemFiles.ReadOrNull(Path.Combine(directory, "cpu.max"))));
        }

        foreach (var mount in V1Mounts)
        {
            foreach (var directory in Directories(Path.Combine(root, mount), v1Path))
            {
                tightest = Min(tightest, ParseCfs(
                    SystemFiles.ReadOrNull(Path.Combine(directory, "cpu.cfs_quota_us")),
                    SystemFiles.ReadOrNull(Path.Combine(directory, "cpu.cfs_period_us"))));
            }
        }

        return tightest;
    }

    /// <summary>cgroup v2 <c>cpu.max</c>: "<c>$MAX $PERIOD</c>" in µs, or "<c>max $PERIOD</c>" for no limit.</summary>
    public static double? ParseCpuMax(string? content)
    {
        var parts = (content ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || parts[0] == "max")
        {
            return null;
        }

        var period = parts.Length > 1 ? parts[1] : "100000";
        return Ratio(parts[0], period);
    }

    /// <summary>cgroup v1: <c>cpu.cfs_quota_us</c> (-1 = no limit) over <c>cpu.cfs_period_us</c>.</summary>
    public static double? ParseCfs(string? quota, string? period) =>
        quota is null || period is null ? null : Ratio(quota.Trim(), period.Trim());

    /// <summary>
    /// This process's cgroup paths from <c>/proc/self/cgroup</c>: the v2 path (line <c>0::/path</c>) and the
    /// v1 path of the hierarchy holding the <c>cpu</c> controller (line <c>N:cpu,cpuacct:/path</c>).
    /// </summary>
    public static (string? V2Path, string? V1CpuPath) ParseProcSelfCgroup(string content)
    {
        string? v2 = null;
        string? v1 = null;
        foreach (var line in content.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split(':', 3);
            if (fields.Length != 3)
            {
                continue;
            }

            if (fields[0] == "0" && fields[1].Length == 0)
            {
                v2 = fields[2];
            }
            else if (fields[1].Split(',').Contains("cpu", StringComparer.Ordinal))
            {
                v1 = fields[2];
            }
        }

        return (v2, v1);
    }

    /// <summary>The cgroup's directory under the mount and each ancestor up to the mount itself (those that exist).</summary>
    private static IEnumerable<string> Directories(string mount, string? cgroupPath)
    {
        if (!Directory.Exists(mount))
        {
            yield break;
        }

        var relative = (cgroupPath ?? string.Empty).Trim('/');
        while (relative.Length > 0)
        {
            var directory = Path.Combine(mount, relative);
            if (Directory.Exists(directory))
            {
                yield return directory;
            }

            var slash = relative.LastIndexOf('/');
            relative = slash < 0 ? string.Empty : relative[..slash];
        }

        yield return mount;
    }

    private static double? Ratio(string quota, string period)
    {
        if (!long.TryParse(quota, NumberStyles.Integer, CultureInfo.InvariantCulture, out var q) || q <= 0 ||
            !long.TryParse(period, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) || p <= 0)
        {
            return null;
        }

        return (double)q / p;
    }

    private static double? Min(double? a, double? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);
}
