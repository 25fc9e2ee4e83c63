namespace SerialCluster.Cli.Reports;

/// <summary>Checks an output file's folder exists before any work starts, so a long sweep never ends on "cannot write".</summary>
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
}
