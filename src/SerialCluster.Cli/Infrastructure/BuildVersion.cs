using System.Reflection;

namespace SerialCluster.Cli.Infrastructure;

/// <summary>
/// What <c>serialcluster --version</c> prints: the informational version and the git commit the build was made from
/// (the SDK appends the commit as <c>+sha</c> when it builds inside a git checkout, or from <c>-p:SourceRevisionId=sha</c>).
/// </summary>
public static class BuildVersion
{
    public static string Informational =>
        typeof(BuildVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>The version without the commit.</summary>
    public static string Version => Informational.Split('+')[0];

    /// <summary>The git commit the build was made from; null when it was built outside a checkout without SourceRevisionId.</summary>
    public static string? Commit => Informational.Split('+') is [_, var commit, ..] && commit.Length > 0 ? commit : null;

    public static string Describe() =>
        $"serialcluster {Version} (commit {Commit ?? "unknown: built outside a git checkout"}; .NET {Environment.Version})";
}
