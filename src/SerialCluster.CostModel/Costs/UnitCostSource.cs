using SerialCluster.CostModel.Prediction;

namespace SerialCluster.CostModel.Costs;

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
