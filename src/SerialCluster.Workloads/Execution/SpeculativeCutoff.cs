namespace SerialCluster.Workloads.Execution;

/// <summary>
/// For a speculative stage: remembers the lowest decisive task index and cancels every task after it, so
/// that which tasks count never depends on which finished first.
/// </summary>
public sealed class SpeculativeCutoff : IDisposable
{
    private readonly CancellationTokenSource?[] _sources;
    private readonly CancellationToken _outer;
    private int _cut;

    public SpeculativeCutoff(int tasks, CancellationToken outer)
    {
        _sources = new CancellationTokenSource?[tasks];
        _outer = outer;
        _cut = tasks;
    }

    /// <summary>The lowest decisive index so far (the task count when none).</summary>
    public int Cut => Volatile.Read(ref _cut);

    /// <summary>True when <paramref name="task"/> comes after a decisive task.</summary>
    public bool IsCut(int task) => task > Volatile.Read(ref _cut);

    /// <summary>A token that fires on outer cancellation or when an earlier task becomes decisive.</summary>
    public CancellationToken TokenFor(int task)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(_outer);
        lock (_sources)
        {
            _sources[task] = source;
            if (IsCut(task))
            {
                source.Cancel();
            }
        }

        return source.Token;
    }

    /// <summary>Records that <paramref name="task"/> is decisive and cancels every later task.</summary>
    public void CutAfter(int task)
    {
        int current;
        do
        {
            current = Volatile.Read(ref _cut);
            if (task >= current)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _cut, task, current) != current);

        lock (_sources)
        {
            for (var later = task + 1; later < _sources.Length; later++)
            {
                _sources[later]?.Cancel();
            }
        }
    }

    public void Dispose()
    {
        lock (_sources)
        {
            foreach (var source in _sources)
            {
                source?.Dispose();
            }
        }
    }
}
