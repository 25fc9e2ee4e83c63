namespace SerialCluster.Grains.Calibration.Host;

/// <summary>Reads small kernel-provided files (procfs, sysfs) where they exist; null where they do not or cannot be read.</summary>
internal static class SystemFiles
{
    public static string? ReadOrNull(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
