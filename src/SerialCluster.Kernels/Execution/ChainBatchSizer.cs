using System.Diagnostics;

namespace SerialCluster.Kernels.Execution;

/// <summary>
/// Chooses how many chain steps to run per batch from the measured cost of the previous batches, so that a
/// batch lasts about <see cref="TargetBatch"/>: long enough that dispatch, progress and cancellation checks
/// are a negligible share of compute, short enough to report progress and answer queries between batches.
/// </summary>
public sealed class ChainBatchSizer
{
    public static readonly TimeSpan DefaultTargetBatch = TimeSpan.FromMilliseconds(50);

    private const long FirstBatch = 64;
    private const long MaxGrowth = 16;
    private double _secondsPerStep = double.NaN;

    public ChainBatchSizer(TimeSpan? targetBatch = null)
    {
        TargetBatch = targetBatch ?? DefaultTargetBatch;
        if (TargetBatch <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(targetBatch), TargetBatch, "The target batch duration must be positive.");
        }
    }

    public TimeSpan TargetBatch { get; }

    /// <summary>The last measured cost of one step, in seconds (NaN before the first batch).</summary>
    public double SecondsPerStep => _secondsPerStep;

    /// <summary>Steps for the next batch, at most <paramref name="remaining"/>.</summary>
    public long Next(long remaining, long previousBatch)
    {
        long steps;
        if (double.IsNaN(_secondsPerStep) || _secondsPerStep <= 0)
        {
            steps = previousBatch <= 0 ? FirstBatch : previousBatch * MaxGrowth;
        }
        else
        {
            var ideal = TargetBatch.TotalSeconds / _secondsPerStep;
            var capped = previousBatch > 0 ? Math.Min(ideal, (double)previousBatch * MaxGrowth) : ideal;
            steps = (long)Math.Clamp(capped, 1, long.MaxValue / 2);
        }

        return Math.Clamp(steps, 1, Math.Max(1, remaining));
    }

    /// <summary>Records a finished batch.</summary>
    public void Observe(long steps, long elapsedTimestamp)
    {
        if (steps > 0)
        {
            var seconds = (double)elapsedTimestamp / Stopwatch.Frequency;
            // Very short batches are timer noise; only trust batches of at least 0.5 ms.
            if (seconds >= 0.0005)
            {
                _secondsPerStep = seconds / steps;
            }
        }
    }
}
