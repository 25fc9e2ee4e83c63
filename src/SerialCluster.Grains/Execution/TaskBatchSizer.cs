using SerialCluster.Analysis.Statistics;

namespace SerialCluster.Grains.Execution;

/// <summary>
/// How many consecutive tasks of a wide stage to send in one call: enough that the call's overhead
/// (<see cref="DispatchCost"/>, learned from what batches measure) is at most <see cref="MaxDispatchShare"/> of the
/// batch's compute, at most <see cref="MaxBatch"/> so progress and cancellation stay prompt, and at most 1/(2·P) of the
/// tasks left so the tail stays balanced. One task per call until a task is measured, so long tasks go out as before.
/// </summary>
public sealed class TaskBatchSizer
{
    /// <summary>The round trip assumed for one batch call on a busy two-core machine (a cross-silo call measures ~50–200 µs there).</summary>
    public static readonly TimeSpan DefaultDispatchCost = TimeSpan.FromMicroseconds(200);

    public static readonly TimeSpan MaxBatch = TimeSpan.FromMilliseconds(50);

    public const double MaxDispatchShare = 0.01;

    private const int MaxGrowth = 16;

    private const int OverheadWindow = 9;

    private readonly int _parallelism;
    private readonly double _initialDispatch;
    private readonly Queue<double> _overheads = new();
    private double _secondsPerTask = double.NaN;
    private int _largest = 1;

    public TaskBatchSizer(int parallelism, TimeSpan? dispatchCost = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        _parallelism = parallelism;
        _initialDispatch = (dispatchCost ?? DefaultDispatchCost).TotalSeconds;
    }

    /// <summary>The per-call overhead used now: the median of the last measured ones, else the initial estimate.</summary>
    public TimeSpan DispatchCost => TimeSpan.FromSeconds(_overheads.Count == 0 ? _initialDispatch : SampleStatistics.Median(_overheads));

    /// <summary>The last measured mean cost of a task, in seconds (NaN before any).</summary>
    public double SecondsPerTask => _secondsPerTask;

    /// <summary>Tasks for the next call, at least 1 and at most <paramref name="remaining"/>.</summary>
    public int Next(int remaining)
    {
        if (remaining <= 1 || double.IsNaN(_secondsPerTask))
        {
            return Math.Max(1, Math.Min(remaining, 1));
        }

        var perTask = Math.Max(_secondsPerTask, 1e-9);
        var wanted = Math.Ceiling(DispatchCost.TotalSeconds / (MaxDispatchShare * perTask));
        if (double.IsNaN(wanted) || wanted < 1)
        {
            wanted = 1;
        }

        var longest = Math.Max(1, Math.Floor(MaxBatch.TotalSeconds / perTask));
        var balanced = Math.Max(1, remaining / (2 * _parallelism));
        var batch = Math.Min(Math.Min(wanted, longest), Math.Min(balanced, (double)_largest * MaxGrowth));
        return (int)Math.Clamp(batch, 1, remaining);
    }

    /// <summary>
    /// Records a finished call: its tasks, their summed kernel time, and, when known, the call's round trip as the
    /// dispatcher saw it (from sending to the answer being handled), whose excess over the kernel time is the overhead.
    /// </summary>
    public void Observe(int tasks, double seconds, double? roundTripSeconds = null)
    {
        if (tasks <= 0)
        {
            return;
        }

        _largest = Math.Max(_largest, tasks);
        _secondsPerTask = seconds / tasks;
        if (roundTripSeconds is { } roundTrip && roundTrip >= seconds)
        {
            _overheads.Enqueue(roundTrip - seconds);
            if (_overheads.Count > OverheadWindow)
            {
                _overheads.Dequeue();
            }
        }
    }
}
