namespace SerialCluster.CostModel.History;

/// <summary>
/// Measured compute: <see cref="Units"/> units in <see cref="Steps"/> dependent steps took <see cref="Seconds"/>,
/// normalised to the reference score, over <see cref="Tasks"/> tasks (or chains): a task's own cost beyond its steps is
/// spread over <see cref="StepsPerTask"/>, so tasks of 10 and of 10,000 steps cost differently per step.
/// </summary>
public readonly record struct StepSample(double Units, double Steps, double Seconds, double Tasks = 1)
{
    /// <summary>The mean steps of one task.</summary>
    public double StepsPerTask => Steps / Math.Max(1, Tasks);
}
