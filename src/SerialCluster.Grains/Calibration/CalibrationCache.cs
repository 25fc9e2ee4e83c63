using System.Globalization;
using System.Text.Json;
using SerialCluster.Grains.Calibration.Host;
using SerialCluster.Workloads.Calibration;

namespace SerialCluster.Grains.Calibration;

/// <summary>
/// Calibrations of this machine kept in a file, so a silo that starts where one was measured recently publishes those
/// scores at once instead of measuring for a second while it and its neighbours start. An entry counts only for the same
/// boot, CPUs, quota, CPU model and measurement length (<see cref="KeyOf"/>) and only within its lifetime; a later
/// measurement replaces it. Readers and writers are silos taking their calibration turn (<see cref="CalibrationGate"/>).
/// </summary>
public sealed class CalibrationCache(string directory, TimeSpan lifetime)
{
    public const string FileName = "calibration-cache.json";

    /// <summary>Entries kept for other machines (several boots, containers of other CPU sets) beside this one's.</summary>
    private const int MaximumEntries = 16;

    public string FilePath => Path.Combine(directory, FileName);

    /// <summary>What a calibration of <paramref name="hardware"/> at <paramref name="site"/>, measured for <paramref name="duration"/>, depends on.</summary>
    public static string KeyOf(HostHardware hardware, HostSite site, TimeSpan duration) => string.Join(
        '|',
        site.Host,
        site.CpuSet ?? "-",
        hardware.ProcessorCount.ToString(CultureInfo.InvariantCulture),
        hardware.UsableCores.ToString("R", CultureInfo.InvariantCulture),
        hardware.Cpu.Model,
        duration.TotalMilliseconds.ToString("R", CultureInfo.InvariantCulture),
        CalibrationKernel.Unit);

    /// <summary>The entry for <paramref name="key"/> measured within the lifetime before <paramref name="now"/>; null if none.</summary>
    public CachedCalibration? Read(string key, DateTimeOffset now) =>
        ReadAll().FirstOrDefault(e => e.Key == key && e.MeasuredAt <= now && now - e.MeasuredAt < lifetime
            && e.SingleThreadScore > 0 && e.AllCoreScore > 0 && double.IsFinite(e.SingleThreadScore) && double.IsFinite(e.AllCoreScore));

    /// <summary>Keeps <paramref name="entry"/> in place of any earlier one of its key; written whole, then renamed into place.</summary>
    public void Write(CachedCalibration entry)
    {
        var entries = ReadAll().Where(e => e.Key != entry.Key).Prepend(entry).Take(MaximumEntries).ToList();
        Directory.CreateDirectory(directory);
        var temporary = $"{FilePath}.{Environment.ProcessId}.tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(entries, CalibrationCacheJsonContext.Default.ListCachedCalibration));
        File.Move(temporary, FilePath, overwrite: true);
    }

    /// <summary>Every entry; an absent, unreadable or malformed file is an empty cache (it is only ever a shortcut).</summary>
    private List<CachedCalibration> ReadAll()
    {
        try
        {
            using var file = File.OpenRead(FilePath);
            return JsonSerializer.Deserialize(file, CalibrationCacheJsonContext.Default.ListCachedCalibration)?.OfType<CachedCalibration>().ToList() ?? [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            return [];
        }
    }
}
