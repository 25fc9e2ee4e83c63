using SerialCluster.Workloads.Plans;

namespace SerialCluster.CostModel.Shapes;

/// <summary>
/// A run of <see cref="Count"/> identical stages as the cost model sees them: kind, tasks, plan units (work and
/// largest task), the dependent steps inside one task (a chain stage: its steps; an eca strip: the steps of its
/// block; otherwise 1), how many units a task really computes per plan unit (eca strips recompute their halos),
/// and the bytes a task moves in and out through the coordinator.
/// </summary>
public sealed record StageShape(
    StageKind Kind,
    int Tasks,
    long WorkUnits,
    long SpanUnits,
    long StepsPerTask,
    double ComputeFactor,
    long BytesPerTask,
    int Count = 1);
