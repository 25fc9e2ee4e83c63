using System.Diagnostics;
using SerialCluster.CostModel.History;
using SerialCluster.CostModel.Shapes;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.CostModel.Probing;

/// <summary>
/// The cost model's fallback before a workload has any history: time a bounded slice of the job on the coordinator.
/// Chains advance 1, 2, 4, … steps until half the budget is spent (the last batch timed); a parallel stage's task 0 runs
/// until the rest of the budget, and if it does not finish the probe says so (<see cref="ProbeResult.LowerBound"/>).
/// JIT makes first runs slow, so a probe over-estimates somewhat; the first finished job replaces it.
/// </summary>
public static class CostProbe
{
    public static readonly TimeSpan DefaultBudget = TimeSpan.FromMilliseconds(40);

    /// <summary>Batches shorter than this are timer noise; the probe keeps doubling past them while the budget lasts.</summary>
    private const double TrustedBatchSeconds = 0.0005;

    public static ProbeResult Run(WorkloadPlan plan, TimeSpan budget, CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        var half = budget.TotalSeconds / 2;
        StepSample? chainSample = null;
        StepSample? parallelSample = null;
        var lowerBound = false;

        var (chain, unitsPerStep) = plan.CreateWholeChain() is { } whole
            ? (whole, (double)plan.Work / Math.Max(1, whole.TotalSteps))
            : plan.Stages[0].Kind == StageKind.Chain
                ? StartFirstChain(plan)
                : (null, 0);
        if (chain is not null)
        {
            long batch = 1;
            while (chain.StepsDone < chain.TotalSteps)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var steps = Math.Min(batch, chain.TotalSteps - chain.StepsDone);
                var batchStart = Stopwatch.GetTimestamp();
                chain.Advance(steps);
                var seconds = Stopwatch.GetElapsedTime(batchStart).TotalSeconds;
                chainSample = new StepSample(steps * unitsPerStep, steps, seconds);
                if (Stopwatch.GetElapsedTime(start).TotalSeconds >= half && seconds >= TrustedBatchSeconds)
                {
                    break;
                }

                batch *= 2;
            }
        }

        if (plan.Stages[0].Kind == StageKind.Parallel && plan.Stages[0].TaskCount > 0)
        {
            var shape = PlanShape.Of(plan).Stages[0];
            var units = plan.TaskUnits(0, 0) * shape.ComputeFactor;
            var remaining = TimeSpan.FromSeconds(Math.Max(half, budget.TotalSeconds - Stopwatch.GetElapsedTime(start).TotalSeconds));
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(remaining);
            // The input is made before the clock starts: a plan's task tables are setup (built as far as this task
            // needs, timed as the plan's build), not part of what a task costs.
            var input = plan.CreateTaskInput(0, 0, []);
            var taskStart = Stopwatch.GetTimestamp();
            try
            {
                plan.RunTask(0, 0, input, limit.Token);
                parallelSample = new StepSample(units, shape.StepsPerTask, Stopwatch.GetElapsedTime(taskStart).TotalSeconds);
            }
            catch (Exception e) when (IsCancellation(e) && !cancellationToken.IsCancellationRequested)
            {
                parallelSample = new StepSample(units, shape.StepsPerTask, Stopwatch.GetElapsedTime(taskStart).TotalSeconds);
                lowerBound = true;
            }
        }

        return new ProbeResult(chainSample, parallelSample, lowerBound, Stopwatch.GetElapsedTime(start).TotalSeconds);
    }

    /// <summary>A kernel cut by its token throws OperationCanceledException, or an AggregateException of them when it runs in parallel inside.</summary>
    private static bool IsCancellation(Exception e) =>
        e is OperationCanceledException || (e is AggregateException aggregate && aggregate.Flatten().InnerExceptions.All(IsCancellation));

    private static (IChainRun?, double) StartFirstChain(WorkloadPlan plan)
    {
        var chain = plan.StartChain(0, plan.CreateTaskInput(0, 0, []));
        return (chain, (double)plan.Stages[0].WorkUnits / Math.Max(1, chain.TotalSteps));
    }
}
