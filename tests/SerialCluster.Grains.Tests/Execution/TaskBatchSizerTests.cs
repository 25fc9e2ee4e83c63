using SerialCluster.Grains.Execution;

namespace SerialCluster.Grains.Tests.Execution;

public sealed class TaskBatchSizerTests
{
    [Fact]
    public void SendsOneTaskPerCallUntilATaskIsMeasured()
    {
        var sizer = new TaskBatchSizer(parallelism: 2);
        Assert.Equal(1, sizer.Next(10_000));
    }

    [Fact]
    public void LongTasksStayOnePerCall()
    {
        var sizer = new TaskBatchSizer(parallelism: 2);
        sizer.Observe(1, 0.5);
        Assert.Equal(1, sizer.Next(10_000));
    }

    [Fact]
    public void MillisecondTasksAreBatchedSoTheRoundTripIsOnePercentOfTheBatch()
    {
        var sizer = new TaskBatchSizer(parallelism: 2, dispatchCost: TimeSpan.FromMicroseconds(100));
        sizer.Observe(1, 0.001);
        // 100 µs / (0.01 · 1 ms) = 10 tasks, within the growth cap of 16 from a batch of one.
        Assert.Equal(10, sizer.Next(10_000));
    }

    [Fact]
    public void TinyTasksGrowAtMostSixteenfoldPerObservedBatchAndStopAtFiftyMilliseconds()
    {
        var sizer = new TaskBatchSizer(parallelism: 2);
        sizer.Observe(1, 1e-7);
        Assert.Equal(16, sizer.Next(10_000_000));
        sizer.Observe(16, 16e-7);
        Assert.Equal(256, sizer.Next(10_000_000));
        for (var i = 0; i < 10; i++)
        {
            var batch = sizer.Next(10_000_000);
            sizer.Observe(batch, batch * 1e-7);
        }

        // 50 ms of 0.1 µs tasks is 500,000; the dispatch rule asks for 200,000 (200 µs / (0.01 · 0.1 µs)).
        Assert.Equal(200_000, sizer.Next(10_000_000));
    }

    [Fact]
    public void TheTailIsSplitSoEverySlotGetsWork()
    {
        var sizer = new TaskBatchSizer(parallelism: 2);
        sizer.Observe(1, 1e-6);
        sizer.Observe(16, 16e-6);
        // 40 tasks left, P = 2: at most 40 / 4 = 10 per call.
        Assert.Equal(10, sizer.Next(40));
        Assert.Equal(1, sizer.Next(3));
        Assert.Equal(1, sizer.Next(1));
    }

    [Fact]
    public void MeasuredOverheadReplacesTheEstimate()
    {
        var sizer = new TaskBatchSizer(parallelism: 2, dispatchCost: TimeSpan.FromMicroseconds(200));
        // Three calls of 1 ms tasks whose round trips exceeded their compute by 1 ms (a loaded machine).
        sizer.Observe(1, 0.001, 0.002);
        sizer.Observe(1, 0.001, 0.002);
        sizer.Observe(1, 0.001, 0.002);
        Assert.Equal(TimeSpan.FromMilliseconds(1), sizer.DispatchCost);
        // 1 ms / (0.01 · 1 ms) = 100 tasks, but the growth cap allows 16 after batches of one, and 50 ms is 50 tasks.
        Assert.Equal(16, sizer.Next(10_000));
        sizer.Observe(16, 0.016, 0.017);
        Assert.Equal(50, sizer.Next(10_000));
    }
}
