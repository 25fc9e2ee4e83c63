namespace SerialCluster.Cli.Forwarding;

/// <summary>
/// Which commands a client hands to the local cluster's command server. Only commands whose every argument means the
/// same in the server's process as in the client's: no file (a relative path would resolve against the server's
/// directory), no connection option or variable (the command would not target the local cluster), no help.
/// Anything else runs in the client's own process, as it always did.
/// </summary>
public static class ForwardingRules
{
    /// <summary>Set to <c>off</c>, every command runs in its own process (the Orleans client it starts included).</summary>
    public const string EnvironmentVariable = "SERIALCLUSTER_FORWARD";

    private static readonly HashSet<string> Commands = ["run", "jobs", "cancel", "cluster"];
    private static readonly HashSet<string> JobsSubcommands = ["list", "show", "delete", "follow", "wait"];

    /// <summary>The options of those commands that name no file and no cluster.</summary>
    private static readonly HashSet<string> Options =
    [
        "-s", "--set", "-m", "--mode", "-p", "--parallelism", "--idempotency-key", "--detach", "-y", "--yes", "--deadline",
        "--timeline", "--json", "-v", "--verbose", "--state", "--workload", "--wait",
    ];

    /// <summary>Variables that point a command at another cluster than the local one.</summary>
    private static readonly string[] ConnectionVariables =
    [
        "SERIALCLUSTER_GATEWAY", "SERIALCLUSTER_REDIS", "SERIALCLUSTER_CLUSTER_ID", "SERIALCLUSTER_TLS_CERT", "SERIALCLUSTER_TLS_KEY",
        "SERIALCLUSTER_TLS_CA",
    ];

    public static bool Eligible(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        if (args.Count == 0 || !Commands.Contains(args[0]) || string.Equals(environment(EnvironmentVariable), "off", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (ConnectionVariables.Any(v => !string.IsNullOrWhiteSpace(environment(v))))
        {
            return false;
        }

        if (args[0] == "jobs" && args.Count > 1 && !args[1].StartsWith('-') && !JobsSubcommands.Contains(args[1]))
        {
            return false;
        }

        foreach (var arg in args.Skip(1))
        {
            if (arg.StartsWith('@') || arg.Contains("=@", StringComparison.Ordinal))
            {
                return false; // a parameter file, read relative to the client's directory
            }

            if (arg.StartsWith('-') && !Options.Contains(arg.Split('=', 2)[0]))
            {
                return false;
            }
        }

        return true;
    }
}
