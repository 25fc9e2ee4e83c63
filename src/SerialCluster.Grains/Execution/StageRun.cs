using SerialCluster.Abstractions.Jobs;
using SerialCluster.Grains.Reliability;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Grains.Execution;

/// <summary>One parallel stage to dispatch: the job and its plan, the stage, where it may run, and what to tell the coordinator.</summary>
/// <param name="JobId">The job the stage belongs to.</param>
/// <param name="RunSpec">The job's spec as the workers build its plan from.</param>
/// <param name="Plan">The job's compiled plan.</param>
/// <param name="Stage">The stage's index in <paramref name="Plan"/>.</param>
/// <param name="PreviousOutputs">The outputs of the stage before, in task order (none for a first stage).</param>
/// <param name="Silos">The silos the stage spreads over; their in-flight counts are this job's own.</param>
/// <param name="Parallelism">P: at most this many tasks run at once.</param>
/// <param name="Accumulator">Sums the stage's task timings.</param>
/// <param name="UnitsCompleted">Called with the work units of each result committed.</param>
/// <param name="Ledger">The stage's task results, each committed once by task id.</param>
/// <param name="Committed">Called after a result is committed (the coordinator saves when a save is due).</param>
public sealed record StageRun(
    string JobId,
    JobSpec RunSpec,
    WorkloadPlan Plan,
    int Stage,
    IReadOnlyList<byte[]> PreviousOutputs,
    IReadOnlyList<SiloSlot> Silos,
    int Parallelism,
    StageAccumulator Accumulator,
    Action<long> UnitsCompleted,
    TaskLedger Ledger,
    Func<Task> Committed)
{
    /// <summary>The stage as the plan describes it.</summary>
    public StageSpec StageSpec => Plan.Stages[Stage];

    /// <summary>
    /// Counts the results the ledger already holds (committed by an earlier attempt or coordinator), in task order;
    /// <paramref name="counted"/> sees each one's task id after it is counted.
    /// </summary>
    public void CountRestored(Action<int>? counted = null)
    {
        foreach (var done in Ledger.All)
        {
            Accumulator.Add(done.Seconds, done.Silo);
            UnitsCompleted(Plan.TaskUnits(Stage, done.Task));
            counted?.Invoke(done.Task);
        }
    }
}
