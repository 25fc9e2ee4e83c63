namespace SerialCluster.Workloads.Plans;

/// <summary>
/// What a plan knows about one parallel stage's tasks beyond its units, for the cost model: the dependent steps
/// inside one task, how many units a task really computes per plan unit (above 1 where tasks recompute an overlap),
/// and the bytes a task moves in and out through the coordinator.
/// </summary>
public readonly record struct TaskCost(long StepsPerTask, double ComputeFactor, long BytesPerTask);
