namespace SerialCluster.CostModel.History;

/// <summary>
/// A scatter job's parallel stages on average: <see cref="Waves"/> waves of tasks per stage cost <see cref="Seconds"/>
/// per stage beyond their compute, which was <see cref="MakespanSeconds"/> per stage (0: not given).
/// </summary>
public readonly record struct StageSample(double Waves, double Seconds, double MakespanSeconds = 0)
{
    /// <summary>
    /// How many times its overhead a stage's compute may be for the stage to teach the overhead other workloads borrow
    /// (<see cref="TellsOverhead"/>).
    /// </summary>
    public const double MaxComputePerOverhead = 4;

    /// <summary>
    /// Whether the overhead stands out of the compute: in stages much longer than it, the overhead measured is mostly the
    /// compute's own spread (tasks that do not pack, a save of a large stage output), which belongs to that workload's
    /// history, not to the cluster's line that single-stage workloads borrow.
    /// </summary>
    public bool TellsOverhead => MakespanSeconds <= MaxComputePerOverhead * Math.Max(Seconds, 0);
}
