namespace SerialCluster.Cli.Reports;

/// <summary>
/// Checks an output file can be written before any work starts, so a long sweep never ends on "cannot write"; and writes
/// the file, turning a failure into one line naming the option.
/// </summary>
public static class OutputPath
{
    /// <summary>
    /// Refuses, before any work starts, an output path that cannot be written: no file name, a folder that does not
    /// exist, a directory in the file's place, or a file this user may not write. The exit code is the one a failed write
    /// gets (8), so a script sees one code for "this output cannot be written" whenever it is found.
    /// </summary>
    /// <exception cref="CliException">The path cannot be written (exit code <see cref="ExitCodes.BadInput"/>).</exception>
    public static void Require(string? path, string option)
    {
        if (path is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(path))
        {
            throw new CliException(ExitCodes.BadInput, $"{option} needs a file name");
        }

        if (Directory.Exists(path))
        {
            throw new CliException(ExitCodes.BadInput, $"{option} '{path}' is a directory; give a file name");
        }

        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full);
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new CliException(ExitCodes.BadInput, $"{option} '{path}' cannot be written: folder '{folder}' does not exist");
        }

        RequireWritable(full, option, path);
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

    /// <summary>Opens the file for writing (creating it, then removing it again, when it did not exist) without changing it.</summary>
    private static void RequireWritable(string full, string option, string path)
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
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.BadInput, $"{option} '{path}' cannot be written: {e.Message}", e);
        }
    }
}
