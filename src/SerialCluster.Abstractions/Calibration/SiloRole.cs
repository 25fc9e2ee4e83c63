namespace SerialCluster.Abstractions.Calibration;

/// <summary>What an operator allows a silo to run (configuration <c>SerialCluster:Silo:Role</c>).</summary>
[GenerateSerializer]
[Alias("SerialCluster.SiloRole")]
public enum SiloRole
{
    /// <summary>Chains and parallel tasks.</summary>
    Any = 0,

    /// <summary>Chains; parallel tasks only when a job needs every core in the cluster.</summary>
    Serial = 1,

    /// <summary>Parallel tasks only, never a chain.</summary>
    Parallel = 2,
}
