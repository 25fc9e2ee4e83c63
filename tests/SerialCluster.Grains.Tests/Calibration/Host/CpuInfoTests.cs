using SerialCluster.Grains.Calibration.Host;

namespace SerialCluster.Grains.Tests.Calibration.Host;

public sealed class CpuInfoTests
{
    private const string TwoCoreX86 = """
        processor	: 0
        vendor_id	: GenuineIntel
        model name	: Intel(R) Xeon(R)   Gold 6248 CPU @ 2.50GHz
        cpu MHz		: 2500.000
        flags		: fpu vme sha_ni

        processor	: 1
        vendor_id	: GenuineIntel
        model name	: Intel(R) Xeon(R)   Gold 6248 CPU @ 2.50GHz
        cpu MHz		: 3100.500
        flags		: fpu vme sha_ni
        """;

    private const string RaspberryPi = """
        processor	: 0
        BogoMIPS	: 108.00
        CPU implementer	: 0x41
        CPU part	: 0xd08

        Hardware	: BCM2835
        Model		: Raspberry Pi 4 Model B Rev 1.4
        """;

    [Fact]
    public void ReadsModelNameAndAveragesTheClockOverCores()
    {
        var cpu = CpuInfo.Parse(TwoCoreX86);
        Assert.Equal("Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz", cpu.Model);
        Assert.Equal(2800.25, cpu.ClockMHz, 6);
    }

    [Fact]
    public void ArmKernelsNameTheModelDifferentlyAndMayGiveNoClock()
    {
        var cpu = CpuInfo.Parse(RaspberryPi);
        Assert.Equal("BCM2835", cpu.Model);
        Assert.Equal(0, cpu.ClockMHz);
    }

    [Fact]
    public void NothingToParseGivesAnEmptyModelAndNoClock() => Assert.Equal(new CpuInfo(string.Empty, 0), CpuInfo.Parse(string.Empty));

    [Fact]
    public void ReadFallsBackWhereThereIsNoProcCpuinfo()
    {
        var empty = Directory.CreateTempSubdirectory("serialcluster-cpuinfo-").FullName;
        try
        {
            var cpu = CpuInfo.Read(empty);
            Assert.False(string.IsNullOrWhiteSpace(cpu.Model));
            Assert.Equal(0, cpu.ClockMHz);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public void ThisMachineHasAModel() => Assert.False(string.IsNullOrWhiteSpace(CpuInfo.Read().Model));
}
