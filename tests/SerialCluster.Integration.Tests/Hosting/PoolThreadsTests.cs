using SerialCluster.Hosting;

namespace SerialCluster.Integration.Tests.Hosting;

public sealed class PoolThreadsTests
{
    [Fact]
    public void WithOneProcessorTheMinimumRisesToEightWorkersAndIsNeverLowered()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        try
        {
            // A silo under a quota below one core sees one processor, so one ready worker by default.
            Assert.True(ThreadPool.SetMinThreads(1, io));
            PoolThreads.EnsureMinimum(processorCount: 1);
            ThreadPool.GetMinThreads(out var raised, out var ioAfter);
            Assert.Equal(PoolThreads.MinimumWorkers, raised);
            Assert.Equal(io, ioAfter);

            Assert.True(ThreadPool.SetMinThreads(PoolThreads.MinimumWorkers + 4, io));
            PoolThreads.EnsureMinimum(processorCount: 1);
            ThreadPool.GetMinThreads(out var kept, out _);
            Assert.Equal(PoolThreads.MinimumWorkers + 4, kept);
        }
        finally
        {
            ThreadPool.SetMinThreads(workers, io);
        }
    }

    [Fact]
    public void WithSeveralProcessorsThePoolKeepsItsOwnMinimum()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        try
        {
            Assert.True(ThreadPool.SetMinThreads(2, io));
            PoolThreads.EnsureMinimum(processorCount: 2);
            ThreadPool.GetMinThreads(out var kept, out _);
            Assert.Equal(2, kept);
        }
        finally
        {
            ThreadPool.SetMinThreads(workers, io);
        }
    }
}
