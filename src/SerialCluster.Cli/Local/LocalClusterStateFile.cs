using System.Text.Json;

namespace SerialCluster.Cli.Local;

/// <summary>
/// Reads and writes the state file. A write goes to a temporary file beside it, readable by this user only, then
/// replaces the state file in one rename: a reader sees the old content or the new, never half of one.
/// </summary>
public static class LocalClusterStateFile
{
    /// <summary>The state, or null when there is no file; an unreadable or foreign file is <paramref name="problem"/>, not an exception.</summary>
    public static LocalClusterState? Read(LocalClusterPaths paths, out string? problem)
    {
        problem = null;
        string text;
        try
        {
            text = File.ReadAllText(paths.StateFile);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"{paths.StateFile} cannot be read ({e.Message})";
            return null;
        }

        try
        {
            var state = JsonSerializer.Deserialize(text, LocalClusterJsonContext.Default.LocalClusterState);
            if (state is { Format: LocalClusterState.CurrentFormat, Silos.Count: > 0 })
            {
                return state;
            }
        }
        catch (JsonException)
        {
            // Reported below, with the other files that are not a state file of this version.
        }

        problem = $"{paths.StateFile} is not a local cluster state file of this version";
        return null;
    }

    public static void Write(LocalClusterPaths paths, LocalClusterState state)
    {
        paths.Create();
        var temporary = $"{paths.StateFile}.{Environment.ProcessId}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, state, LocalClusterJsonContext.Default.LocalClusterState);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, paths.StateFile, overwrite: true);
    }

    /// <summary>
    /// Removes the state file if it still names process <paramref name="pid"/> (any file when null): a host that stops
    /// never removes the state of a cluster started after it.
    /// </summary>
    public static void Delete(LocalClusterPaths paths, int? pid)
    {
        if (pid is { } owner && Read(paths, out _) is { } current && current.Pid != owner)
        {
            return;
        }

        try
        {
            File.Delete(paths.StateFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next `up` or `down`, which replaces or removes it; a stale file is noticed and ignored meanwhile.
        }
    }
}
