namespace SerialCluster.Hosting;

/// <summary>
/// Keeps enough thread-pool threads ready in a process that sees one processor (a CPU quota below one core, a one-CPU
/// container). Kernels run on pool threads; there the pool keeps one ready worker, and while a kernel held it Orleans'
/// scheduler and networking waited for the pool's starvation injection (about half a second per thread).
/// </summary>
public static class PoolThreads
{
    /// <summary>The fewest worker threads the pool starts without delay in a one-processor process.</summary>
    public const int MinimumWorkers = 8;

    /// <summary>With one processor, raises the pool's minimum worker threads to <see cref="MinimumWorkers"/>; never lowers it.</summary>
    public static void EnsureMinimum() => EnsureMinimum(Environment.ProcessorCount);

    /// <summary>As <see cref="EnsureMinimum()"/>, for a process that sees <paramref name="processorCount"/> processors.</summary>
    public static void EnsureMinimum(int processorCount)
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        if (processorCount == 1 && workers < MinimumWorkers)
        {
            ThreadPool.SetMinThreads(MinimumWorkers, io);
        }
    }
}
