namespace SerialCluster.Workloads.Plans;

/// <summary>How a stage's work is shaped.</summary>
public enum StageKind
{
    /// <summary>Independent tasks that may run anywhere, in any order, at the same time.</summary>
    Parallel,

    /// <summary>One chain of dependent steps: run inside one activation, in batches, never one call per step.</summary>
    Chain,
}
