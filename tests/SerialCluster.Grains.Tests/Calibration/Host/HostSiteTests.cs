using SerialCluster.Grains.Calibration.Host;

namespace SerialCluster.Grains.Tests.Calibration.Host;

public sealed class HostSiteTests
{
    [Fact]
    public void TheKernelsBootIdNamesTheHostAndTheAllowedCpusTheSet()
    {
        var root = Directory.CreateTempSubdirectory("hostsite-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "proc/sys/kernel/random"));
            Directory.CreateDirectory(Path.Combine(root, "proc/self"));
            File.WriteAllText(Path.Combine(root, "proc/sys/kernel/random/boot_id"), "5f1e0c7a-1111-2222-3333-444455556666\n");
            File.WriteAllText(Path.Combine(root, "proc/self/status"), "Name:\tdotnet\nCpus_allowed:\t3\nCpus_allowed_list:\t1,0\n");
            var site = HostSite.Read(root);
            Assert.Equal("boot:5f1e0c7a-1111-2222-3333-444455556666", site.Host);
            Assert.Equal("0-1", site.CpuSet);
            Assert.Equal(Environment.MachineName, site.Machine);
            Assert.Equal(Environment.ProcessId, site.ProcessId);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void WithoutProcTheMachineNameNamesTheHost()
    {
        var root = Directory.CreateTempSubdirectory("hostsite-").FullName;
        try
        {
            var site = HostSite.Read(root);
            Assert.Equal(Environment.MachineName, site.Host);
            Assert.Null(site.CpuSet);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [SkippableFact]
    public void OnLinuxThisProcessReportsItsBootIdAndItsCpus()
    {
        Skip.IfNot(File.Exists("/proc/sys/kernel/random/boot_id"), "needs Linux's /proc/sys/kernel/random/boot_id");
        var site = HostSite.Read();
        Assert.Equal("boot:" + File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim(), site.Host);
        Assert.NotNull(site.CpuSet);
    }
}
