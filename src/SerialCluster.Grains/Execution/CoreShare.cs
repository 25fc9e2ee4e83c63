namespace SerialCluster.Grains.Execution;

/// <summary>
/// The cores silos on one CPU set of one host share, as one job's dispatcher counts them: free when the job started, and
/// this job's tasks in flight on any of those silos. Silos that share CPUs are weighed together, so a CPU several
/// containers may use is not handed a task per container.
/// </summary>
public sealed class CoreShare(int freeCores, int silos)
{
    /// <summary>The set's cores not busy with other jobs' tasks when this job started, at least 1.</summary>
    public int FreeCores { get; } = Math.Max(1, freeCores);

    /// <summary>How many silos share these cores.</summary>
    public int Silos { get; } = silos;

    /// <summary>This job's tasks (or open lanes) on any silo of the set.</summary>
    public int InFlight { get; internal set; }
}
