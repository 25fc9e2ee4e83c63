using SerialCluster.CostModel.Probing;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Cli.Jobs;

/// <summary>
/// How long a job will take, predicted before it is submitted from a short probe of its own kernel on this machine (the
/// cost model's probe, run twice: the first pays the JIT): the plan's work at the probed rate, divided by the most
/// speedup the plan allows on P cores. Rough by design — it only has to tell seconds from hours, so a request that
/// would run for hours says so before it starts.
/// </summary>
public sealed record RunPrediction(double Seconds, bool AtLeast)
{
    /// <summary>Predictions above this are announced before the job starts.</summary>
    public const double LongSeconds = 600;

    private static readonly TimeSpan ProbeBudget = CostProbe.DefaultBudget;

    // A kernel that ignores its token (setup tables) must not hold the command up: the prediction is then skipped.
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);

    public bool IsLong => Seconds > LongSeconds;

    /// <summary>The prediction for <paramref name="plan"/> on <paramref name="processors"/> cores; null when the probe could not say.</summary>
    public static async Task<RunPrediction?> PredictAsync(WorkloadPlan plan, int processors, CancellationToken cancellationToken)
    {
        try
        {
            // Twice: the first run pays the JIT, which would make the kernel look several times slower than it is.
            var probe = await Task.Run(
                () =>
                {
                    CostProbe.Run(plan, ProbeBudget, cancellationToken);
                    return CostProbe.Run(plan, ProbeBudget, cancellationToken);
                },
                cancellationToken).WaitAsync(ProbeTimeout, cancellationToken);
            if ((probe.Chain ?? probe.Parallel) is not { Units: > 0, Seconds: > 0 } sample)
            {
                return null;
            }

            var bound = Math.Max(1, plan.SpeedupBound(Math.Max(1, processors)));
            return new RunPrediction(plan.Work * (sample.Seconds / sample.Units) / bound, probe.LowerBound);
        }
        catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException) || !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
