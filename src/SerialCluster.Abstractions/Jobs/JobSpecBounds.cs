namespace SerialCluster.Abstractions.Jobs;

/// <summary>
/// What any job spec may ask, whatever the cluster's configured limits: the CLI checks its options against these
/// before it connects, and the coordinator admits a job only within them, so both refuse with the same bounds.
/// </summary>
public static class JobSpecBounds
{
    /// <summary>The largest P a job may ask for; 0 means every core of the cluster.</summary>
    public const int MaxParallelism = 4096;

    /// <summary>The longest deadline a job may ask for, in seconds (seven days).</summary>
    public const double MaxDeadlineSeconds = 604_800;

    /// <summary>The longest deadline a job may ask for.</summary>
    public static readonly TimeSpan MaxDeadline = TimeSpan.FromSeconds(MaxDeadlineSeconds);
}
