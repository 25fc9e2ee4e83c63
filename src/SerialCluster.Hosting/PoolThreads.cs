namespace SerialCluster.Hosting;

/// <summary>
/// Keeps enough thread-pool threads ready for a silo. Kernels run on pool threads; a silo under a CPU quota below one
/// core has a processor count of 1 and so one ready thread, and while a kernel held it Orleans' scheduler and networking
/// waited for the pool's starvation injection (about half a second per thread): answers stalled across the cluster.
/// </summary>
public static class PoolThreads
{
    /// <summary>The fewest worker threads the pool starts without delay (the default, the processor count, when higher).</summary>
    public const int MinimumWorkers = 8;

    /// <summary>Raises the pool's minimum worker threads to <see cref="MinimumWorkers"/>; never lowers it.</summary>
    public static void EnsureMinimum()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        if (workers < MinimumWorkers)
        {
            ThreadPool.SetMinThreads(MinimumWorkers, io);
        }
    }
}
