namespace SerialCluster.Cli.Local;

/// <summary>
/// How a command without <c>--gateway</c> or <c>--redis</c> finds the local cluster <c>serialcluster up</c> started: the
/// state file, if its cluster runs. A stale or unreadable file is ignored with one note on stderr, never waited on.
/// </summary>
public static class LocalClusterDiscovery
{
    /// <summary>Long enough for a gateway on loopback to accept on a very busy machine; a closed port refuses at once.</summary>
    public static readonly TimeSpan GatewayConnectTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The running local cluster's state; null (after a note, when a file was there) when none runs.</summary>
    public static async Task<LocalClusterState?> FindRunningAsync(Action<string> say, CancellationToken cancellationToken)
    {
        var paths = LocalClusterPaths.FromEnvironment();
        var check = await InspectAsync(paths, say, cancellationToken);
        switch (check?.Health)
        {
            case LocalClusterHealth.Running:
                return check.State;
            case LocalClusterHealth.Gone:
                say($"note: ignoring the stale local cluster state in {paths.StateFile} ({check.Reason}); `serialcluster down` removes it");
                return null;
            case LocalClusterHealth.Unresponsive:
                say($"note: ignoring the local cluster in {paths.StateFile}: {check.Reason}; `serialcluster down` stops it");
                return null;
            default:
                return null;
        }
    }

    /// <summary>The state file's cluster as found now; null when there is no state file, or (after a note) an unreadable one.</summary>
    public static async Task<LocalClusterCheck?> InspectAsync(LocalClusterPaths paths, Action<string> say, CancellationToken cancellationToken)
    {
        var state = LocalClusterStateFile.Read(paths, out var problem);
        if (problem is not null)
        {
            say($"note: ignoring the local cluster state: {problem}; `serialcluster down` removes it");
        }

        return state is null ? null : await LocalClusterCheck.RunAsync(state, GatewayConnectTimeout, cancellationToken);
    }
}
