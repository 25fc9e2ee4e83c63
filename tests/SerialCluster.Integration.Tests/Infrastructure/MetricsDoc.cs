using System.Text.RegularExpressions;

namespace SerialCluster.Integration.Tests.Infrastructure;

/// <summary>The metric names <c>docs/METRICS.md</c> documents: the first cell of every table row that is a backticked metric name.</summary>
public static partial class MetricsDoc
{
    public static string Path => System.IO.Path.Combine(RepositoryRoot(), "docs", "METRICS.md");

    public static IReadOnlyList<string> Names() =>
        [.. File.ReadLines(Path).Select(line => Row().Match(line)).Where(m => m.Success).Select(m => m.Groups["name"].Value).Distinct()];

    /// <summary>The folder above this test's output that holds <c>docs/METRICS.md</c>.</summary>
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "docs", "METRICS.md")))
            {
                return dir.FullName;
            }
        }

        throw new FileNotFoundException($"docs/METRICS.md not found above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"^\|\s*`(?<name>[a-z_:][a-z0-9_:]*)`\s*\|")]
    private static partial Regex Row();
}
