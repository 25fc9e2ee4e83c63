using SerialCluster.Grains.Calibration;
using SerialCluster.Grains.Calibration.Host;

namespace SerialCluster.Grains.Tests.Calibration;

/// <summary>The calibration cache: an entry counts only for its own key and within its lifetime; a broken file is an empty cache.</summary>
public sealed class CalibrationCacheTests : IDisposable
{
    private static readonly DateTimeOffset Measured = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"calibration-cache-tests-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void AnEntryIsReadBackUnderItsKeyWithinItsLifetime()
    {
        var cache = new CalibrationCache(_directory, TimeSpan.FromHours(1));
        var entry = new CachedCalibration("machine-a", 2.5e6, 4.75e6, Measured, 0.6);
        cache.Write(entry);

        Assert.Equal(entry, cache.Read("machine-a", Measured.AddMinutes(59)));
        Assert.Null(cache.Read("machine-b", Measured.AddMinutes(1)));
        Assert.Null(cache.Read("machine-a", Measured.AddHours(1)));
        // Measured "in the future" (a clock set back): not trusted.
        Assert.Null(cache.Read("machine-a", Measured.AddMinutes(-1)));
    }

    [Fact]
    public void ALaterMeasurementReplacesItsKeysEntryAndKeepsTheOthers()
    {
        var cache = new CalibrationCache(_directory, TimeSpan.FromHours(1));
        cache.Write(new CachedCalibration("machine-a", 1e6, 2e6, Measured, 0.5));
        cache.Write(new CachedCalibration("machine-b", 3e6, 6e6, Measured, 0.5));
        var later = new CachedCalibration("machine-a", 1.5e6, 2.5e6, Measured.AddMinutes(10), 0.5);
        cache.Write(later);

        Assert.Equal(later, cache.Read("machine-a", Measured.AddMinutes(11)));
        Assert.Equal(3e6, cache.Read("machine-b", Measured.AddMinutes(11))!.SingleThreadScore);
        Assert.Equal([CalibrationCache.FileName], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"Key\": 3}")]
    [InlineData("[{\"Key\": \"machine-a\", \"SingleThreadScore\": 0, \"AllCoreScore\": 1, \"MeasuredAt\": \"2026-12-07T12:00:00+00:00\"}]")]
    public void ABrokenFileOrAnImpossibleScoreIsAMissAndAWriteRepairsIt(string content)
    {
        Directory.CreateDirectory(_directory);
        var cache = new CalibrationCache(_directory, TimeSpan.FromHours(1));
        File.WriteAllText(cache.FilePath, content);

        Assert.Null(cache.Read("machine-a", Measured.AddMinutes(1)));
        cache.Write(new CachedCalibration("machine-a", 1e6, 2e6, Measured, 0.5));
        Assert.NotNull(cache.Read("machine-a", Measured.AddMinutes(1)));
    }

    [Fact]
    public void TheKeyChangesWithWhatTheMeasurementDependsOn()
    {
        var cpu = new CpuInfo("AMD EPYC", 2450);
        var hardware = new HostHardware(2, null, 2, cpu);
        var site = new HostSite("boot:1", "m", "0-1", 1);
        var duration = TimeSpan.FromMilliseconds(250);
        var key = CalibrationCache.KeyOf(hardware, site, duration);

        Assert.Equal(key, CalibrationCache.KeyOf(hardware, site with { ProcessId = 2, Machine = "other-container" }, duration));
        Assert.NotEqual(key, CalibrationCache.KeyOf(hardware, site with { Host = "boot:2" }, duration));
        Assert.NotEqual(key, CalibrationCache.KeyOf(hardware, site with { CpuSet = "1" }, duration));
        Assert.NotEqual(key, CalibrationCache.KeyOf(hardware with { Quota = 0.5, UsableCores = 0.5 }, site, duration));
        Assert.NotEqual(key, CalibrationCache.KeyOf(hardware with { ProcessorCount = 4 }, site, duration));
        Assert.NotEqual(key, CalibrationCache.KeyOf(hardware with { Cpu = cpu with { Model = "Intel Xeon" } }, site, duration));
        Assert.NotEqual(key, CalibrationCache.KeyOf(hardware, site, TimeSpan.FromMilliseconds(500)));
    }
}
