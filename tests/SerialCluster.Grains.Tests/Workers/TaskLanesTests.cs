using SerialCluster.Grains.Workers;

namespace SerialCluster.Grains.Tests.Workers;

public sealed class TaskLanesTests
{
    [Fact]
    public async Task OneLaneRunsItsItemsOneAtATimeInArrivalOrder()
    {
        var lanes = new TaskLanes();
        var running = 0;
        var most = 0;
        var order = new List<int>();
        var items = Enumerable.Range(0, 50).Select(i => lanes.RunAsync("job/0/0", () =>
        {
            var now = Interlocked.Increment(ref running);
            most = Math.Max(most, now);
            lock (order)
            {
                order.Add(i);
            }

            Thread.SpinWait(10_000);
            Interlocked.Decrement(ref running);
            return i * i;
        })).ToList();
        var results = await Task.WhenAll(items);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => i * i), results);
        Assert.Equal(Enumerable.Range(0, 50), order);
        Assert.Equal(1, most);
        // An idle lane's thread lingers for TaskLanes.Linger, then ends and the lane is gone.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (lanes.Active > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Yield();
        }

        Assert.True(lanes.Active == 0, "the idle lane was still there 10 s after its last item");
    }

    [Fact]
    public async Task LanesRunSideBySide()
    {
        var lanes = new TaskLanes();
        using var bothStarted = new CountdownEvent(2);
        // Each item waits until the other lane's item has started: only lanes running at once finish.
        var a = lanes.RunAsync("a", () => { bothStarted.Signal(); return bothStarted.Wait(TimeSpan.FromSeconds(30)); });
        var b = lanes.RunAsync("b", () => { bothStarted.Signal(); return bothStarted.Wait(TimeSpan.FromSeconds(30)); });
        var results = await Task.WhenAll(a, b);
        Assert.All(results, Assert.True);
    }

    [Fact]
    public async Task AFailingItemFailsOnlyItsOwnTask()
    {
        var lanes = new TaskLanes();
        var failing = lanes.RunAsync<int>("x", () => throw new InvalidOperationException("boom"));
        var next = lanes.RunAsync("x", () => 7);
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal(7, await next);
    }
}
