using SerialCluster.Abstractions.Jobs;
using SerialCluster.Grains.Reliability;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Grains.Execution;

/// <summary>
/// One parallel stage to dispatch: the job, its spec and compiled plan, the stage's index, the previous stage's outputs
/// in task order (none for a first stage), the silos it spreads over (in-flight counts are this job's own), P, and the
/// coordinator's hooks: timings, units per committed result, the ledger (one result per task id) and a callback after
/// each commit (the coordinator saves when a save is due).
/// </summary>
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
