using System.Diagnostics;
using SerialCluster.Cli.Bench;

namespace SerialCluster.Cli.Tests.Bench;

/// <summary>The per-thread CPU accounting target 3 reports: it sees a thread that ran and ended inside the window, and groups threads by name.</summary>
public sealed class ThreadCpuSamplerTests
{
    [Fact]
    public void AThreadThatRanAndEndedInsideTheWindowIsCountedInItsGroup()
    {
        Assert.True(ThreadCpuSampler.Available, "/proc/self/schedstat is missing: these figures need Linux");
        var window = Stopwatch.StartNew();
        using var sampler = ThreadCpuSampler.Start();
        var spinner = new Thread(() =>
        {
            var spin = Stopwatch.StartNew();
            var x = 0UL;
            while (spin.ElapsedMilliseconds < 300)
            {
                x = (x * 6364136223846793005UL) + 1442695040888963407UL;
            }

            GC.KeepAlive(x);
        })
        { Name = "bare-spinner", IsBackground = true };
        spinner.Start();
        spinner.Join();
        Thread.Sleep(ThreadCpuSampler.Interval * 3); // let the sampler pass at least once after the thread ended
        var use = sampler.Stop();
        window.Stop();

        var bare = Assert.Single(use, g => g.Group == ThreadCpuSampler.GroupOf("bare-spinner"));
        Assert.Equal(1, bare.Threads);
        Assert.True(bare.CpuSeconds > 0, "a thread that spun for 300 ms shows no CPU time");
        Assert.True(bare.CpuSeconds + bare.WaitSeconds <= window.Elapsed.TotalSeconds + 0.05,
            $"on a CPU {bare.CpuSeconds:F3} s + waiting {bare.WaitSeconds:F3} s exceeds the window {window.Elapsed.TotalSeconds:F3} s");
        var machine = sampler.System;
        Assert.True(machine.Busy + machine.Idle + machine.Steal > 0, "the machine's CPU time did not advance over the window");
    }

    [Theory]
    [InlineData(".NET Long Runni", "task lanes")]
    [InlineData(".NET TP Worker", "thread pool")]
    [InlineData(".NET Server GC", "garbage collector")]
    [InlineData(".NET BGC", "garbage collector")]
    [InlineData(".NET Tiered Com", "JIT")]
    [InlineData(".NET Sockets", "socket event loop")]
    [InlineData("bare-worker", "bare loop threads")]
    [InlineData("cpu-sampler", "this sampler")]
    [InlineData("Orleans.Runtime", "other threads")]
    public void ThreadsAreGroupedByTheNameTheKernelKeeps(string name, string group) =>
        Assert.StartsWith(group, ThreadCpuSampler.GroupOf(name), StringComparison.Ordinal);
}
