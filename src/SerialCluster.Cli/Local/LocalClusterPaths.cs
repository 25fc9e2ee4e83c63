namespace SerialCluster.Cli.Local;

/// <summary>
/// Where the local cluster that <c>serialcluster up</c> starts keeps its state, log and lock: one directory per user,
/// <c>$SERIALCLUSTER_STATE_DIR</c>, else <c>$XDG_STATE_HOME/serialcluster</c>, else <c>~/.local/state/serialcluster</c>.
/// </summary>
public sealed record LocalClusterPaths(string Directory)
{
    public const string DirectoryEnvironmentVariable = "SERIALCLUSTER_STATE_DIR";

    /// <summary>The state file every command reads to find the local cluster.</summary>
    public string StateFile => Path.Combine(Directory, "local.json");

    /// <summary>The silo host's own output (stdout and stderr), rewritten by every <c>up</c>.</summary>
    public string LogFile => Path.Combine(Directory, "local.log");

    /// <summary>The command server's Unix socket: the local cluster's host runs commands sent there with its own client.</summary>
    public string CommandSocket => Path.Combine(Directory, "commands.sock");

    /// <summary>Held by <c>up</c> and <c>down</c> while they start or stop the cluster, so two of them never race.</summary>
    public string LockFile => Path.Combine(Directory, "local.lock");

    /// <summary>The directory this user's environment names (see the type's summary).</summary>
    public static LocalClusterPaths FromEnvironment()
    {
        if (NullIfEmpty(Environment.GetEnvironmentVariable(DirectoryEnvironmentVariable)) is { } explicitDirectory)
        {
            return new LocalClusterPaths(Path.GetFullPath(explicitDirectory));
        }

        if (NullIfEmpty(Environment.GetEnvironmentVariable("XDG_STATE_HOME")) is { } stateHome && Path.IsPathRooted(stateHome))
        {
            return new LocalClusterPaths(Path.Combine(stateHome, "serialcluster"));
        }

        var home = NullIfEmpty(Environment.GetEnvironmentVariable("HOME")) ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return new LocalClusterPaths(Path.Combine(home, ".local", "state", "serialcluster"));
    }

    /// <summary>Creates the directory, readable by this user only (it names ports any local process could submit jobs to).</summary>
    public void Create()
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(Directory);
            return;
        }

        System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
