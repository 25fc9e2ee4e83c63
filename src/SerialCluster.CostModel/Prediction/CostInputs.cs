using SerialCluster.CostModel.Costs;
using SerialCluster.CostModel.Shapes;

namespace SerialCluster.CostModel.Prediction;

/// <summary>Everything one prediction needs: the plan's shape, the silos, the job's parallelism cap, unit and dispatch costs.</summary>
public sealed record CostInputs(PlanShape Shape, IReadOnlyList<SiloFigures> Silos, int Parallelism, UnitCosts Costs, DispatchCosts Dispatch);
