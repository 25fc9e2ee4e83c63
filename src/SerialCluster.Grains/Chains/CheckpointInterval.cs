namespace SerialCluster.Grains.Chains;

/// <summary>
/// K, the steps between two checkpoints when it is not configured: the configured compute interval, or 100 times
/// the last write's measured cost when that is longer, in steps at the measured step cost. So a checkpoint never
/// costs more than 1% of the compute between two.
/// </summary>
public static class CheckpointInterval
{
    public const double MaxShare = 0.01;

    public static long Steps(TimeSpan interval, double lastWriteSeconds, double secondsPerStep)
    {
        if (!(secondsPerStep > 0))
        {
            return 0;
        }

        var seconds = Math.Max(interval.TotalSeconds, lastWriteSeconds / MaxShare);
        return (long)Math.Clamp(Math.Ceiling(seconds / secondsPerStep), 1, long.MaxValue / 4);
    }
}
