using System.Diagnostics;

namespace SerialCluster.Workloads.Tests.Cvp;

/// <summary>
/// The gate evaluator reads and writes through refs without bounds checks, so every ref must stay inside the array it
/// points into: the GC moves an array and the refs into it, never a ref that points outside any array.
/// </summary>
public sealed class GateEvaluatorTests
{
    /// <summary>Calls during which a collection ran; about half of them went wrong before the fix.</summary>
    private const int CollidedCalls = 32;

    [Fact]
    public void ATaskComputesTheSameOutputWhileCollectionsMoveItsValues()
    {
        // Level 2's tasks start at gates 65 536 and 98 304, far past their value arrays' first entry (about 74 kB, not on the
        // large object heap, so a compacting gen0 collection moves them). Before the fix, a collection during the loop moved
        // the array but not the ref the gates were written through: the task lost the gates it evaluated after it.
        const int Tasks = 2;
        var plan = CvpRunner.Plan(new() { ["layers"] = "2", ["width"] = "65536", ["seed"] = "107", ["tasks"] = $"{Tasks}", ["grain"] = "1" });
        Assert.Equal(Tasks, plan.Stages[1].TaskCount);
        plan.Prepare();
        var levelOne = Enumerable.Range(0, Tasks).Select(t => plan.RunTask(0, t, plan.CreateTaskInput(0, t, []), default)).ToArray();
        var inputs = Enumerable.Range(0, Tasks).Select(t => plan.CreateTaskInput(1, t, levelOne)).ToArray();
        var expected = Enumerable.Range(0, Tasks).Select(t => plan.RunTask(1, t, inputs[t], default)).ToArray();

        // Collections back to back while the tasks run again and again, until enough calls had one during them (few
        // land inside the loop on a loaded machine); the deadline only bounds a test that cannot get them.
        using var stop = new CancellationTokenSource();
        var collector = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect(0, GCCollectionMode.Forced, blocking: true, compacting: true);
            }
        });
        collector.Start();
        try
        {
            var collided = 0;
            var clock = Stopwatch.StartNew();
            for (var call = 0; collided < CollidedCalls && clock.Elapsed < TimeSpan.FromSeconds(15); call++)
            {
                var task = call % Tasks;
                var before = GC.CollectionCount(0);
                var output = plan.RunTask(1, task, inputs[task], default);
                collided += GC.CollectionCount(0) == before ? 0 : 1;
                Assert.True(expected[task].AsSpan().SequenceEqual(output), $"task {task} of level 2, call {call}, {collided} calls with a collection so far");
            }
        }
        finally
        {
            stop.Cancel();
            collector.Join();
        }
    }
}
