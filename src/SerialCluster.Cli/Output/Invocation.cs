using System.Reflection;

namespace SerialCluster.Cli.Output;

/// <summary>How this command was invoked (its arguments, when it started) and which build ran it, for the reports' provenance.</summary>
public sealed record Invocation(IReadOnlyList<string> Arguments, DateTime StartedUtc)
{
    /// <summary>The command line as a shell would take it back: "serialcluster sweep montecarlo --set 'samples=2e8'".</summary>
    public string CommandLine => string.Join(" ", new[] { "serialcluster" }.Concat(Arguments.Select(Quote)));

    /// <summary>The build's informational version: the package version and, where the build knew it, "+" and the commit.</summary>
    public static string Version =>
        typeof(Invocation).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(Invocation).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || "-_=.,:/@+".Contains(c, StringComparison.Ordinal))
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
