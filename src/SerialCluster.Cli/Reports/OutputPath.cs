namespace SerialCluster.Cli.Reports;

/// <summary>
/// Checks an output file's folder exists before any work starts, so a long sweep never ends on "cannot write"; and writes
/// the file, turning a failure into one line naming the option.
/// </summary>
public static class OutputPath
{
    /// <summary>Null when <paramref name="path"/> is absent or writable-looking; otherwise the one-line error.</summary>
    public static string? Check(string? path, string option)
    {
        if (path is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(path))
        {
            return $"{option} needs a file name";
        }

        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full);
        if (folder is not null && !Directory.Exists(folder))
        {
            return $"{option} '{path}': folder '{folder}' does not exist";
        }

        return Directory.Exists(full) ? $"{option} '{path}' is a folder; give a file name" : CanWrite(full, option, path);
    }

    /// <summary>Opens the file for writing (creating it, then removing it again, when it did not exist) without changing it.</summary>
    private static string? CanWrite(string full, string option, string path)
    {
        var existed = File.Exists(full);
        try
        {
            using (File.Open(full, FileMode.OpenOrCreate, FileAccess.Write))
            {
            }

            if (!existed)
            {
                File.Delete(full);
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{option} '{path}' cannot be written: {e.Message}";
        }
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/>, or fails with one line naming <paramref name="option"/>.</summary>
    public static void Write(string path, string option, string text)
    {
        try
        {
            File.WriteAllText(path, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.BadInput, $"{option} '{path}' cannot be written: {e.Message}", e);
        }
    }
}
