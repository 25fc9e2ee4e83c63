using SerialCluster.Grains.Calibration.Host;

namespace SerialCluster.Grains.Tests.Calibration.Host;

public sealed class CpuQuotaTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("serialcluster-cgroup-").FullName;

    [Theory]
    [InlineData("max 100000\n", null)]
    [InlineData("150000 100000\n", 1.5)]
    [InlineData("200000 100000", 2.0)]
    [InlineData("50000 100000", 0.5)]
    [InlineData("100000", 1.0)] // period omitted: the kernel default of 100 ms
    [InlineData("", null)]
    [InlineData("garbage here", null)]
    public void ParsesCgroupV2CpuMax(string content, double? cores) => Assert.Equal(cores, CpuQuota.ParseCpuMax(content));

    [Theory]
    [InlineData("-1\n", "100000\n", null)]
    [InlineData("250000\n", "100000\n", 2.5)]
    [InlineData("100000", "50000", 2.0)]
    [InlineData("100000", "0", null)]
    public void ParsesCgroupV1Cfs(string quota, string period, double? cores) => Assert.Equal(cores, CpuQuota.ParseCfs(quota, period));

    [Fact]
    public void ParsesProcSelfCgroupForBothVersions()
    {
        const string Hybrid = "12:cpu,cpuacct:/docker/abc\n11:memory:/docker/abc\n1:name=systemd:/docker/abc\n0::/system.slice/x.service\n";
        Assert.Equal(("/system.slice/x.service", "/docker/abc"), CpuQuota.ParseProcSelfCgroup(Hybrid));
        Assert.Equal(("/", (string?)null), CpuQuota.ParseProcSelfCgroup("0::/\n"));
        Assert.Equal(((string?)null, "/"), CpuQuota.ParseProcSelfCgroup("2:cpuacct:/\n1:cpu:/\n"));
        Assert.Equal(((string?)null, (string?)null), CpuQuota.ParseProcSelfCgroup(string.Empty));
    }

    [Fact]
    public void NoCgroupFilesMeansNoQuota() => Assert.Null(CpuQuota.Read(_root));

    [Fact]
    public void CgroupV2TakesTheTightestLimitOfTheGroupAndItsAncestors()
    {
        Write("proc/self/cgroup", "0::/kubepods/pod1/container\n");
        Write("sys/fs/cgroup/cpu.max", "max 100000\n");
        Write("sys/fs/cgroup/kubepods/pod1/cpu.max", "150000 100000\n");
        Write("sys/fs/cgroup/kubepods/pod1/container/cpu.max", "300000 100000\n");
        Assert.Equal(1.5, CpuQuota.Read(_root));
    }

    [Fact]
    public void CgroupV1QuotaIsReadFromTheCpuHierarchy()
    {
        Write("proc/self/cgroup", "4:cpu,cpuacct:/docker/abc\n0::/\n");
        Write("sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us", "-1\n");
        Write("sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us", "100000\n");
        Write("sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_quota_us", "50000\n");
        Write("sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_period_us", "100000\n");
        Assert.Equal(0.5, CpuQuota.Read(_root));
    }

    [Fact]
    public void ANamespacedMountIsReadAtItsRootWhenTheHostPathIsAbsent()
    {
        // Inside a container without a cgroup namespace, /proc/self/cgroup names a host path that the
        // container's own mount does not have; the mount's root is the container's group.
        Write("proc/self/cgroup", "0::/system.slice/docker-abc.scope\n");
        Write("sys/fs/cgroup/cpu.max", "200000 100000\n");
        Assert.Equal(2.0, CpuQuota.Read(_root));
    }

    [Theory]
    [InlineData(8, null, 8.0)]
    [InlineData(8, 1.5, 1.5)]
    [InlineData(2, 4.0, 2.0)]
    public void UsableCoresAreTheSmallerOfProcessorsAndQuota(int processors, double? quota, double usable) =>
        Assert.Equal(usable, HostHardware.UsableCoresOf(processors, quota));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Write(string relative, string content)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
