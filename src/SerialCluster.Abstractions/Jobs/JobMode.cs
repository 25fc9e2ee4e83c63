namespace SerialCluster.Abstractions.Jobs;

/// <summary>Where a job's work runs.</summary>
[GenerateSerializer]
[Alias("SerialCluster.JobMode")]
public enum JobMode
{
    /// <summary>The whole job on one silo, the fastest single core, as one chain: no network hop per step.</summary>
    Pinned = 0,

    /// <summary>Tasks spread across silos, a barrier between stages; chains still run inside one activation.</summary>
    Scatter = 1,

    /// <summary>A cost model predicts pinned, scatter and coarser scatter variants from measured costs, and runs the fastest.</summary>
    Auto = 2,
}
