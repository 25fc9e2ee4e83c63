namespace SerialCluster.Grains.Calibration.Host;

/// <summary>
/// What this process may use of the machine: processor count (affinity included), usable cores = min(processor
/// count, cgroup CPU quota), and the CPU as the OS names it. Cheap to read: no measurement.
/// </summary>
public sealed record HostHardware(int ProcessorCount, double? Quota, double UsableCores, CpuInfo Cpu)
{
    public static HostHardware Read(string root = "/")
    {
        var processors = Environment.ProcessorCount;
        var quota = CpuQuota.Read(root);
        return new HostHardware(processors, quota, UsableCoresOf(processors, quota), CpuInfo.Read(root));
    }

    /// <summary>min(processors, quota); the quota alone can be fractional (1.5 cores).</summary>
    public static double UsableCoresOf(int processorCount, double? quota) =>
        quota is > 0 ? Math.Min(processorCount, quota.Value) : processorCount;
}
