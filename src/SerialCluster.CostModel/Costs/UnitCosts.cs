namespace SerialCluster.CostModel.Costs;

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
