namespace SerialCluster.CostModel.Costs;

/// <summary>
/// What a step of a workload costs, as a line in the units it does: seconds = PerStep·steps + PerUnit·units, on a core
/// of the reference single-thread score. The per-step term is a step's fixed cost (loop and call overhead, a narrow
/// row's edges), the per-unit term the work itself; a row of 256 cells and one of a million need both. Where
/// <see cref="Local"/> holds measured points, the line bends to them near the task shapes they were measured at.
/// </summary>
public readonly record struct UnitCostLine(double PerStep, double PerUnit)
{
    /// <summary>Recent measured points as ratios to this line; null: the line alone.</summary>
    public UnitCostPoints? Local { get; init; }

    /// <summary>
    /// Seconds for <paramref name="units"/> units done in <paramref name="steps"/> steps, at the reference score, by
    /// tasks of <paramref name="stepsPerTask"/> steps each (default: one task of all the steps).
    /// </summary>
    public double Seconds(double units, double steps, double? stepsPerTask = null) =>
        ((PerStep * steps) + (PerUnit * units)) * (Local is { } local && steps > 0 ? local.Factor(units / steps, stepsPerTask ?? steps) : 1);

    /// <summary>The line scaled by a constant (a slower or faster core); its points' ratios to it stay.</summary>
    public UnitCostLine Scale(double factor) => new(PerStep * factor, PerUnit * factor) { Local = Local };
}
