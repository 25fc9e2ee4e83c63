using System.Diagnostics;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Cli.Bench;

/// <summary>The kernels run directly in this process, with no cluster: the reference every cluster figure is held to.</summary>
public static class BareLoop
{
    public static WorkloadPlan Plan(string workload, IReadOnlyDictionary<string, string> parameters) =>
        WorkloadCatalog.Get(workload).Plan(parameters);

    /// <summary>Calls to <c>Advance</c> a bare chain run is split into: the method is then called often enough to be at its optimised JIT tier.</summary>
    public const int ChainCalls = 64;

    /// <summary>
    /// The plan's chain (its whole-job chain if it has one, else its only chain stage) advanced to its end in
    /// <see cref="ChainCalls"/> equal calls, nothing else in between; result JSON and seconds. One single call
    /// would run the loop in code the JIT has not optimised yet (a method is promoted after ~30 calls), which
    /// would handicap the bare loop against the cluster's batches.
    /// </summary>
    public static (string Result, double Seconds) RunChain(WorkloadPlan plan)
    {
        var start = Stopwatch.GetTimestamp();
        var whole = plan.CreateWholeChain();
        var chain = whole ?? plan.StartChain(0, plan.CreateTaskInput(0, 0, []));
        var call = Math.Max(1, chain.TotalSteps / ChainCalls);
        while (chain.StepsDone < chain.TotalSteps)
        {
            chain.Advance(Math.Min(call, chain.TotalSteps - chain.StepsDone));
        }

        var output = chain.Output();
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var result = whole is null ? plan.Finish([output]) : plan.FinishWholeChain(output);
        return (result.ToJsonString(), seconds);
    }

    /// <summary>
    /// <see cref="RunChain"/> with each of its calls run as a thread-pool work item, awaited one after another: how a
    /// silo runs a chain's batches (on pool threads, not this process's main thread), without the cluster. Seconds only.
    /// </summary>
    public static async Task<double> RunChainOnPoolAsync(WorkloadPlan plan)
    {
        var start = Stopwatch.GetTimestamp();
        var chain = plan.CreateWholeChain() ?? plan.StartChain(0, plan.CreateTaskInput(0, 0, []));
        var call = Math.Max(1, chain.TotalSteps / ChainCalls);
        while (chain.StepsDone < chain.TotalSteps)
        {
            var steps = Math.Min(call, chain.TotalSteps - chain.StepsDone);
            await Task.Run(() => chain.Advance(steps));
        }

        _ = chain.Output();
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    /// <summary>
    /// Chain steps per second at the kernel's optimised JIT tier: many small calls first (warm-up, at least
    /// 200 of them and a fifth of <paramref name="seconds"/>), then batches doubling until about
    /// <paramref name="seconds"/> have passed; the rate is the last batch's.
    /// </summary>
    public static double ChainRate(WorkloadPlan plan, double seconds)
    {
        var chain = plan.CreateWholeChain() ?? plan.StartChain(0, plan.CreateTaskInput(0, 0, []));
        var warmUp = Stopwatch.GetTimestamp();
        for (var calls = 0; calls < 200 || Stopwatch.GetElapsedTime(warmUp).TotalSeconds < seconds / 5; calls++)
        {
            chain.Advance(16);
        }

        long batch = 16;
        var start = Stopwatch.GetTimestamp();
        var rate = 0.0;
        while (Stopwatch.GetElapsedTime(start).TotalSeconds < seconds && chain.StepsDone + batch <= chain.TotalSteps)
        {
            var begin = Stopwatch.GetTimestamp();
            chain.Advance(batch);
            var elapsed = Stopwatch.GetElapsedTime(begin).TotalSeconds;
            if (elapsed > 0)
            {
                rate = batch / elapsed;
            }

            batch *= 2;
        }

        return rate;
    }

    /// <summary>Mean seconds per task of stage 0 over <paramref name="count"/> tasks spread evenly over the stage, run one after another here.</summary>
    public static double MeanTaskSeconds(WorkloadPlan plan, int count)
    {
        var tasks = plan.Stages[0].TaskCount;
        count = Math.Clamp(count, 1, tasks);
        var stride = Math.Max(1, tasks / count);
        var start = Stopwatch.GetTimestamp();
        var run = 0;
        for (var task = 0; task < tasks && run < count; task += stride, run++)
        {
            plan.RunTask(0, task, plan.CreateTaskInput(0, task, []), CancellationToken.None);
        }

        return Stopwatch.GetElapsedTime(start).TotalSeconds / run;
    }

    /// <summary>
    /// Wall seconds for every task of stage 0 run here on <paramref name="threads"/> dedicated threads at once, each
    /// taking the next task as it finishes one (no cluster, no calls): the machine's own limit for running the stage
    /// on that many cores, contention between the cores (shared caches, SMT siblings on the host, clock limits with
    /// every core busy) included.
    /// </summary>
    public static double ParallelStageSeconds(WorkloadPlan plan, int threads)
    {
        var tasks = plan.Stages[0].TaskCount;
        var next = -1;
        var workers = new Thread[Math.Max(1, threads)];
        using var ready = new Barrier(workers.Length + 1);
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = new Thread(() =>
            {
                ready.SignalAndWait();
                for (var task = Interlocked.Increment(ref next); task < tasks; task = Interlocked.Increment(ref next))
                {
                    plan.RunTask(0, task, plan.CreateTaskInput(0, task, []), CancellationToken.None);
                }
            })
            { IsBackground = true, Name = "bare-worker" };
            workers[i].Start();
        }

        ready.SignalAndWait();
        var start = Stopwatch.GetTimestamp();
        foreach (var worker in workers)
        {
            worker.Join();
        }

        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    /// <summary>montecarlo samples per second on one core here, at the optimised JIT tier (64 tasks twice, the second pass timed).</summary>
    public static double MonteCarloRate(double seconds)
    {
        var samples = Math.Max(64_000, (long)(seconds * 5e7));
        var plan = Plan("montecarlo", new Dictionary<string, string>
        {
            ["samples"] = samples.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["tasks"] = "64",
            ["seed"] = "42",
        });
        MeanTaskSeconds(plan, 64);
        return samples / 64.0 / MeanTaskSeconds(plan, 64);
    }
}
