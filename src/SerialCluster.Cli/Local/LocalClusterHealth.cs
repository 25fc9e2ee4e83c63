namespace SerialCluster.Cli.Local;

/// <summary>What became of the cluster a state file describes.</summary>
public enum LocalClusterHealth
{
    /// <summary>Its host process runs and its first gateway accepts connections: commands use it.</summary>
    Running,

    /// <summary>Its host process runs but no gateway accepts connections (hung, or stopping): commands ignore it, <c>down</c> stops it.</summary>
    Unresponsive,

    /// <summary>Its host process is gone (or its PID now belongs to another process): the state file is stale.</summary>
    Gone,
}
