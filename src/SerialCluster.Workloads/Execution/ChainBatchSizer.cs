using System.Diagnostics;

namespace SerialCluster.Workloads.Execution;

/// <summary>
/// Sizes chain batches from the measured cost of the previous ones to last about <see cref="TargetBatch"/>: long enough that dispatch, progress and
/// cancellation checks are a negligible share, short enough to report progress and answer queries between batches. Once the step cost is known a batch
/// is never under <see cref="MinimumSteps"/> = ⌈dispatch / (<see cref="MaxDispatchShare"/> · seconds per step)⌉, dispatch being
/// <see cref="DispatchCost"/>; it binds when the target is short against dispatch, or while the growth cap still ramps batches up.
/// </summary>
public sealed class ChainBatchSizer
{
    public static readonly TimeSpan DefaultTargetBatch = TimeSpan.FromMilliseconds(50);

    /// <summary>The largest share of a batch's time its dispatch may take.</summary>
    public const double MaxDispatchShare = 0.05;

    /// <summary>The smallest CPU quota a batch's target grows for (10×): progress and cancellation stay within half a second.</summary>
    public const double SmallestQuota = 0.1;

    private const long FirstBatch = 64;
    private const long MaxGrowth = 16;
    private double _secondsPerStep = double.NaN;

    public ChainBatchSizer(TimeSpan? targetBatch = null, TimeSpan? dispatchCost = null)
    {
        TargetBatch = targetBatch ?? DefaultTargetBatch;
        if (TargetBatch <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(targetBatch), TargetBatch, "The target batch duration must be positive.");
        }

        DispatchCost = dispatchCost ?? TimeSpan.Zero;
        if (DispatchCost < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(dispatchCost), DispatchCost, "The dispatch cost cannot be negative.");
        }
    }

    public TimeSpan TargetBatch { get; }

    /// <summary>
    /// The target on a silo of <paramref name="usableCores"/>: under a CPU quota below one core a batch's wall is mostly
    /// throttled time and each boundary can wait out a period, so the target grows by 1/quota (at most 1/<see cref="SmallestQuota"/>)
    /// and a batch does the CPU work it would on a whole core.
    /// </summary>
    public static TimeSpan TargetFor(double usableCores) =>
        usableCores is > 0 and < 1 ? DefaultTargetBatch / Math.Max(usableCores, SmallestQuota) : DefaultTargetBatch;

    /// <summary>What starting one batch costs (a hop to the thread pool, a grain call); zero when not given.</summary>
    public TimeSpan DispatchCost { get; }

    /// <summary>The last measured cost of one step, in seconds (NaN before the first batch).</summary>
    public double SecondsPerStep => _secondsPerStep;

    /// <summary>The smallest batch the dispatch rule allows at the measured step cost (1 before it is measured or with no dispatch cost).</summary>
    public long MinimumSteps => MinimumStepsFor(DispatchCost.TotalSeconds, _secondsPerStep);

    /// <summary>⌈dispatch / (<see cref="MaxDispatchShare"/> · seconds per step)⌉, at least 1; 1 when either cost is unknown or zero.</summary>
    public static long MinimumStepsFor(double dispatchSeconds, double secondsPerStep)
    {
        if (!(dispatchSeconds > 0) || !(secondsPerStep > 0) || double.IsNaN(secondsPerStep))
        {
            return 1;
        }

        var steps = Math.Ceiling(dispatchSeconds / (MaxDispatchShare * secondsPerStep));
        return (long)Math.Clamp(steps, 1, long.MaxValue / 2);
    }

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
            steps = Math.Max((long)Math.Clamp(capped, 1, long.MaxValue / 2), MinimumSteps);
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
