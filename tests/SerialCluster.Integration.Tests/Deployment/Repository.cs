namespace SerialCluster.Integration.Tests.Deployment;

/// <summary>Files of this repository (the folder holding SerialCluster.sln, found above the test assembly).</summary>
public static class Repository
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(directory.FullName, "SerialCluster.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no SerialCluster.sln above {AppContext.BaseDirectory}");
    });

    public static string Root => RootPath.Value;

    /// <summary>The full path of a file given relative to the repository root with forward slashes.</summary>
    public static string File(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public static string ReadText(string relative) => System.IO.File.ReadAllText(File(relative));
}
