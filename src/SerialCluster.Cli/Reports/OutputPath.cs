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

        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        return folder is not null && !Directory.Exists(folder)
            ? $"{option} '{path}': folder '{folder}' does not exist"
            : null;
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
