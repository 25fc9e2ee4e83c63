namespace SerialCluster.Kernels.Execution;

/// <summary>
/// How many consecutive tasks of a wide stage to send in one call, from the measured cost of a task: enough that the
/// call's round trip (<see cref="DispatchCost"/>, during which the core that ran the last batch waits) is at most
/// <see cref="MaxDispatchShare"/> of the batch's compute; at most <see cref="MaxBatch"/> long so progress and
/// cancellation stay prompt; and at most 1/(2·P) of the tasks left, so the stage's tail stays balanced. One task per
/// call until a task has been measured, so tasks that are long anyway are dispatched exactly as before.
/// </summary>
public sealed class TaskBatchSizer
{
    /// <summary>The round trip assumed for one batch call on a busy two-core machine (a cross-silo call measures ~50–200 µs there).</summary>
    public static readonly TimeSpan DefaultDispatchCost = TimeSpan.FromMicroseconds(200);

    public static readonly TimeSpan MaxBatch = TimeSpan.FromMilliseconds(50);

    public const double MaxDispatchShare = 0.02;

    private const int MaxGrowth = 16;

    private readonly int _parallelism;
    private double _secondsPerTask = double.NaN;
    private int _largest = 1;

    public TaskBatchSizer(int parallelism, TimeSpan? dispatchCost = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        _parallelism = parallelism;
        DispatchCost = dispatchCost ?? DefaultDispatchCost;
    }

    public TimeSpan DispatchCost { get; }

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
        var longest = Math.Max(1, Math.Floor(MaxBatch.TotalSeconds / perTask));
        var balanced = Math.Max(1, remaining / (2 * _parallelism));
        var batch = Math.Min(Math.Min(wanted, longest), Math.Min(balanced, (double)_largest * MaxGrowth));
        return (int)Math.Clamp(batch, 1, remaining);
    }

    /// <summary>Records a finished call: its tasks and their summed kernel time.</summary>
    public void Observe(int tasks, double seconds)
    {
        if (tasks <= 0)
        {
            return;
        }

        _largest = Math.Max(_largest, tasks);
        _secondsPerTask = seconds / tasks;
    }
}
