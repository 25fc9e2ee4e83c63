namespace SerialCluster.Cli.Cluster;

/// <summary>
/// Writes the commands a message suggests with the connection options this command was given, so a suggestion
/// copied from the message reaches the same cluster.
/// </summary>
public sealed record ConnectionHint(string Options)
{
    /// <summary>For a cluster reached without options (the environment names it, or an embedded one).</summary>
    public static ConnectionHint None { get; } = new(string.Empty);

    /// <summary>"`serialcluster ARGUMENTS --gateway …`".</summary>
    public string Command(string arguments) => $"`serialcluster {arguments}{Options}`";
}
