using SerialCluster.CostModel.Costs;
using SerialCluster.CostModel.Prediction;
using SerialCluster.CostModel.Shapes;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.CostModel.Tests;

/// <summary>Synthetic calibrations for the cost model's tests: silos, costs, plans.</summary>
internal static class Synthetic
{
    /// <summary>Montecarlo and hashchain cost about this per unit here; the exact value only scales the crossovers.</summary>
    public const double SecondsPerUnit = 1e-8;

    public static readonly DispatchCosts Dispatch = new(
        PinnedJobSeconds: 0.002,
        ScatterJobSeconds: 0.003,
        StageBarrierSeconds: 0.0005,
        TaskDispatchSeconds: 0.0003,
        ChainCallSeconds: 0.001,
        SecondsPerByte: 1e-9);

    public static UnitCosts Costs(double perUnit = SecondsPerUnit, double perStep = 0) =>
        new(new UnitCostLine(perStep, perUnit), new UnitCostLine(perStep, perUnit));

    /// <summary><paramref name="machines"/> machines of <paramref name="cores"/> cores, one silo each, all of score 1.</summary>
    public static List<SiloFigures> Silos(int machines, int cores, double score = 1.0) =>
        [.. Enumerable.Range(0, machines).Select(i => Silo($"s{i}", $"m{i}", cores, score))];

    public static SiloFigures Silo(string name, string machine, int cores, double score = 1.0, bool chains = true, bool tasks = true) =>
        new(name, machine, score, score, cores, RunningTasks: 0, RunningChains: 0, TakesChains: chains, TakesTasks: tasks);

    public static WorkloadPlan Plan(string workload, params (string Name, string Value)[] parameters) =>
        WorkloadCatalog.Get(workload).Plan(parameters.ToDictionary(p => p.Name, p => p.Value));

    public static CostInputs Inputs(WorkloadPlan plan, IReadOnlyList<SiloFigures> silos, int parallelism, UnitCosts? costs = null) =>
        new(PlanShape.Of(plan), silos, parallelism, costs ?? Costs(), Dispatch);
}
