namespace SerialCluster.Workloads.Plans;

/// <summary>
/// One stage of a plan: its tasks depend only on earlier stages, so they run independently; a barrier
/// separates it from the next. Work is the total units of its tasks, span the units of its largest task.
/// </summary>
public sealed record StageSpec(string Name, StageKind Kind, int TaskCount, long WorkUnits, long SpanUnits)
{
    /// <summary>
    /// A speculative stage (e.g. parallel search): once task i returns an output the plan calls decisive
    /// (<see cref="WorkloadPlan.IsDecisive"/>), tasks after i are skipped or cancelled and get an empty output.
    /// The winner is always the lowest decisive index, so the result does not depend on timing.
    /// </summary>
    public bool Speculative { get; init; }

    /// <summary>A chain stage: one task of <paramref name="steps"/> dependent steps.</summary>
    public static StageSpec Chain(string name, long steps) => new(name, StageKind.Chain, 1, steps, steps);

    /// <summary>A wide stage of <paramref name="tasks"/> independent tasks.</summary>
    public static StageSpec Parallel(string name, int tasks, long workUnits, long largestTaskUnits) =>
        new(name, StageKind.Parallel, tasks, workUnits, largestTaskUnits);
}
