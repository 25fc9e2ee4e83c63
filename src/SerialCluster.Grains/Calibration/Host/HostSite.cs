using SerialCluster.CostModel.Cores;

namespace SerialCluster.Grains.Calibration.Host;

/// <summary>
/// Where this process runs, as far as sharing CPUs goes. <see cref="Host"/>: the kernel's boot id on Linux, which every
/// container on one host shares while each has its own host name; the machine name elsewhere. <see cref="CpuSet"/>: the
/// CPUs it may run on (affinity and cgroup cpuset, from <c>Cpus_allowed_list</c>), null where unknown.
/// </summary>
public sealed record HostSite(string Host, string Machine, string? CpuSet, int ProcessId)
{
    /// <summary>Reads the files under <paramref name="root"/> (tests pass a fake tree).</summary>
    public static HostSite Read(string root = "/")
    {
        var bootId = SystemFiles.ReadOrNull(Path.Combine(root, "proc/sys/kernel/random/boot_id"))?.Trim();
        var status = SystemFiles.ReadOrNull(Path.Combine(root, "proc/self/status"));
        var cpus = status is null ? null : CpuCounters.ParseAllowedList(status);
        return new HostSite(
            string.IsNullOrEmpty(bootId) ? Environment.MachineName : "boot:" + bootId,
            Environment.MachineName,
            cpus is null ? null : CpuList.Format(cpus),
            Environment.ProcessId);
    }
}
