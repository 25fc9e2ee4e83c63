using System.Diagnostics;
using SerialCluster.Kernels.Plans;

namespace SerialCluster.Cli.Bench;

/// <summary>The kernels run directly in this process, with no cluster: the reference every cluster figure is held to.</summary>
public static class BareLoop
{
    public static WorkloadPlan Plan(string workload, IReadOnlyDictionary<string, string> parameters) =>
        WorkloadCatalog.Get(workload).Plan(parameters);

    /// <summary>The plan's chain (its whole-job chain if it has one, else its only chain stage) advanced to its end in one call; result JSON and seconds.</summary>
    public static (string Result, double Seconds) RunChain(WorkloadPlan plan)
    {
        var start = Stopwatch.GetTimestamp();
        var whole = plan.CreateWholeChain();
        var chain = whole ?? plan.StartChain(0, plan.CreateTaskInput(0, 0, []));
        chain.Advance(chain.TotalSteps);
        var output = chain.Output();
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var result = whole is null ? plan.Finish([output]) : plan.FinishWholeChain(output);
        return (result.ToJsonString(), seconds);
    }

    /// <summary>Chain steps per second: the chain advanced in growing batches until about <paramref name="seconds"/> have passed.</summary>
    public static double ChainRate(WorkloadPlan plan, double seconds)
    {
        var chain = plan.CreateWholeChain() ?? plan.StartChain(0, plan.CreateTaskInput(0, 0, []));
        long batch = 16;
        long steps = 0;
        var start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(start).TotalSeconds < seconds && chain.StepsDone + batch <= chain.TotalSteps)
        {
            chain.Advance(batch);
            steps += batch;
            batch *= 2;
        }

        return steps / Stopwatch.GetElapsedTime(start).TotalSeconds;
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
}
