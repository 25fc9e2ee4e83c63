using SerialCluster.Grains.Calibration.Host;

namespace SerialCluster.Grains.Tests.Calibration.Host;

public sealed class CpuCountersTests
{
    // The layout proc(5) documents: cpu user nice system idle iowait irq softirq steal guest guest_nice.
    private const string ProcStat = """
        cpu  400 10 100 1000 50 5 5 0 40 0
        cpu0 300 10 60 400 20 3 2 0 40 0
        cpu1 100 0 40 600 30 2 3 0 0 0
        intr 12345 0 0
        ctxt 999
        """;

    [Fact]
    public void BusyIsEverythingButIdleAndIowaitAndGuestIsNotCountedTwice()
    {
        var all = CpuCounters.Parse(ProcStat, cpus: null);
        // cpu0: total 300+10+60+400+20+3+2+0 = 795, idle 420 → busy 375; cpu1: total 775, idle 630 → busy 145.
        Assert.Equal((375L + 145L, 795L + 775L, 2), all);
        Assert.Equal((145L, 775L, 1), CpuCounters.Parse(ProcStat, new HashSet<int> { 1 }));
        Assert.Null(CpuCounters.Parse(ProcStat, new HashSet<int> { 7 }));
        Assert.Null(CpuCounters.Parse("intr 1 2 3", cpus: null));
    }

    [Theory]
    [InlineData("Name:\tdotnet\nCpus_allowed:\t3\nCpus_allowed_list:\t0-1\n", new[] { 0, 1 })]
    [InlineData("Cpus_allowed_list:\t0,2-4,7\n", new[] { 0, 2, 3, 4, 7 })]
    [InlineData("Cpus_allowed_list:\t5\n", new[] { 5 })]
    public void AllowedCpusComeFromTheStatusList(string status, int[] expected) =>
        Assert.Equal(expected, CpuCounters.ParseAllowedList(status)!.Order());

    [Theory]
    [InlineData("Name:\tdotnet\n")]
    [InlineData("Cpus_allowed_list:\t3-1\n")]
    [InlineData("Cpus_allowed_list:\tx\n")]
    public void AnUnreadableAllowedListIsNull(string status) => Assert.Null(CpuCounters.ParseAllowedList(status));

    [SkippableFact]
    public void ThisMachinesCountersAreReadWhereProcExists()
    {
        Skip.IfNot(File.Exists("/proc/stat"), "no /proc/stat here (not Linux)");
        var counters = CpuCounters.ReadForThisProcess();
        Assert.NotNull(counters);
        Assert.InRange(counters.Value.Cpus, 1, 65_536);
        Assert.InRange(counters.Value.Busy, 0, counters.Value.Total);
    }
}
