namespace SerialCluster.Integration.Tests.Infrastructure;

/// <summary>The kernel's cgroup CPU controller as deploy/local-cluster.sh finds it (v1 cpu hierarchy, else v2), for quota'd silos.</summary>
public static class CgroupCpu
{
    private static readonly string[] V1Mounts = ["/sys/fs/cgroup/cpu", "/sys/fs/cgroup/cpu,cpuacct", "/sys/fs/cgroup/cpuacct,cpu"];

    /// <summary>
    /// Skips the test unless this process is root and the cpu controller is mounted; returns the hierarchy's root
    /// directory, where the script creates its own serialcluster-CLUSTER_ID directory.
    /// </summary>
    public static string Require()
    {
        Skip.If(Environment.UserName != "root", "CPU quotas need root: the script creates control groups under /sys/fs/cgroup (run the tests as root)");
        if (V1Mounts.FirstOrDefault(m => File.Exists(Path.Combine(m, "cpu.cfs_quota_us"))) is { } v1)
        {
            return v1;
        }

        const string V2 = "/sys/fs/cgroup";
        var controllers = Path.Combine(V2, "cgroup.controllers");
        Skip.IfNot(
            File.Exists(controllers) && File.ReadAllText(controllers).Split(' ', '\n').Contains("cpu"),
            "no cgroup cpu controller: mount the cgroup v1 cpu hierarchy at /sys/fs/cgroup/cpu or use cgroup v2 with the cpu controller");
        return V2;
    }

    /// <summary>"QUOTA PERIOD" in µs, as the kernel reports it for the group at <paramref name="group"/>.</summary>
    public static string Quota(string group) => File.Exists(Path.Combine(group, "cpu.max"))
        ? File.ReadAllText(Path.Combine(group, "cpu.max")).Trim()
        : $"{File.ReadAllText(Path.Combine(group, "cpu.cfs_quota_us")).Trim()} {File.ReadAllText(Path.Combine(group, "cpu.cfs_period_us")).Trim()}";

    /// <summary>The process ids in the group.</summary>
    public static IReadOnlyList<int> Processes(string group) =>
        [.. File.ReadAllLines(Path.Combine(group, "cgroup.procs")).Where(l => l.Length > 0).Select(int.Parse)];
}
