namespace SerialCluster.Grains.Workers;

/// <summary>
/// Runs work items of one lane strictly one after another, on one dedicated thread that takes the lane's next item
/// as soon as it finishes one: a coordinator that keeps the next batch queued here never leaves the core waiting
/// for a round trip between batches, and a lane still runs one task at a time. Lanes run side by side.
/// </summary>
public sealed class TaskLanes
{
    /// <summary>How long an idle lane's thread waits for the lane's next item before it ends.</summary>
    public static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(50);

    private readonly object _gate = new();
    private readonly Dictionary<string, Queue<Action>> _lanes = new(StringComparer.Ordinal);

    /// <summary>Lanes with work queued or running now.</summary>
    public int Active
    {
        get
        {
            lock (_gate)
            {
                return _lanes.Count;
            }
        }
    }

    /// <summary>Queues <paramref name="work"/> on <paramref name="lane"/>; completes with its result once it has run.</summary>
    public Task<T> RunAsync<T>(string lane, Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Item()
        {
            try
            {
                done.SetResult(work());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }

        bool start;
        lock (_gate)
        {
            start = !_lanes.TryGetValue(lane, out var queue);
            if (start)
            {
                queue = new Queue<Action>();
                _lanes[lane] = queue;
            }

            queue!.Enqueue(Item);
            if (!start)
            {
                Monitor.PulseAll(_gate); // a lane's thread may be lingering for this item
            }
        }

        if (start)
        {
            // A lane computes for as long as its stage lasts: on a thread of its own, not one the thread pool (and
            // with it Orleans' scheduler and networking) would have to do without until it injects another.
            _ = Task.Factory.StartNew(() => Drain(lane), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        return done.Task;
    }

    private void Drain(string lane)
    {
        while (true)
        {
            Action next;
            lock (_gate)
            {
                var queue = _lanes[lane];
                // The lane's next batch is usually queued already; when it is not, wait a little for it rather than
                // end the thread and start another for it.
                while (queue.Count == 0)
                {
                    if (!Monitor.Wait(_gate, Linger) && queue.Count == 0)
                    {
                        _lanes.Remove(lane);
                        return;
                    }
                }

                next = queue.Dequeue();
            }

            next();
        }
    }
}
