namespace SerialCluster.Kernels.Analysis.CostModel;

/// <summary>Where a workload's unit costs came from.</summary>
public enum UnitCostSource
{
    /// <summary>Measured by earlier jobs of the workload (the cluster's history).</summary>
    History,

    /// <summary>Measured by a short probe in the coordinator, before any history existed.</summary>
    Probe,

    /// <summary>
    /// The probe ran out of its time budget before one task finished: the costs are lower bounds, too weak to
    /// compare modes by, so the choice falls back to the plan's own bound (<see cref="ModeChooser"/>).
    /// </summary>
    LowerBound,
}

/// <summary>
/// A workload's cost lines at the reference single-thread score: chains (and whole-job chains), parallel tasks as
/// scatter runs them (several at once on each machine), and parallel tasks run one after another on one core (a
/// pinned job without a whole-job chain) when that was measured apart — tasks running side by side share caches,
/// memory bandwidth and whatever else the machine is doing, so they can cost more per unit than tasks run alone.
/// </summary>
public sealed record UnitCosts(UnitCostLine Chain, UnitCostLine Parallel, UnitCostSource Source = UnitCostSource.History, UnitCostLine? ParallelAlone = null)
{
    /// <summary>Parallel tasks run one at a time: measured alone when known, else as scatter runs them.</summary>
    public UnitCostLine Sequential => ParallelAlone ?? Parallel;
}
