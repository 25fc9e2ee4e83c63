namespace SerialCluster.CostModel.Shapes;

/// <summary>The plan's whole-job chain (<see cref="Workloads.Plans.WorkloadPlan.CreateWholeChain"/>): its units and its steps.</summary>
public readonly record struct WholeChainShape(long Units, long Steps);
