namespace SerialCluster.Cli.Local;

/// <summary>
/// How to start this CLI again as another process: its native launcher where this process is one, else the
/// <c>dotnet</c> host with this assembly (also when the CLI runs inside another program, such as a test host).
/// </summary>
public static class SelfCommand
{
    /// <summary>The program and the leading arguments; the arguments that follow them go to <c>serialcluster</c>.</summary>
    public static IReadOnlyList<string> Prefix()
    {
        var assembly = typeof(SelfCommand).Assembly.Location;
        var process = Environment.ProcessPath ?? string.Empty;
        var launcher = Path.ChangeExtension(assembly, null);
        if (string.Equals(process, launcher, StringComparison.Ordinal))
        {
            return [launcher];
        }

        var dotnet = Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? process
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        return [dotnet, assembly];
    }
}
