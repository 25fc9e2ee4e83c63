using SerialCluster.Hosting;

namespace SerialCluster.Integration.Tests.Hosting;

public sealed class PoolThreadsTests
{
    [Fact]
    public void TheMinimumRisesToEightWorkersAndIsNeverLowered()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        try
        {
            // A silo under a quota below one core: a processor count of 1, so one ready worker by default.
            Assert.True(ThreadPool.SetMinThreads(1, io));
            PoolThreads.EnsureMinimum();
            ThreadPool.GetMinThreads(out var raised, out var ioAfter);
            Assert.Equal(PoolThreads.MinimumWorkers, raised);
            Assert.Equal(io, ioAfter);

            Assert.True(ThreadPool.SetMinThreads(PoolThreads.MinimumWorkers + 4, io));
            PoolThreads.EnsureMinimum();
            ThreadPool.GetMinThreads(out var kept, out _);
            Assert.Equal(PoolThreads.MinimumWorkers + 4, kept);
        }
        finally
        {
            ThreadPool.SetMinThreads(workers, io);
        }
    }
}
