using SerialCluster.CostModel.Costs;
using SerialCluster.CostModel.History;
using SerialCluster.CostModel.Prediction;
using SerialCluster.CostModel.Shapes;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.CostModel.Tests.History;

/// <summary>Runs measured in a world exactly as the cost model describes it, for the history tests.</summary>
internal static class ModelledRun
{
    public static readonly UnitCostLine Line = new(PerStep: 3e-8, PerUnit: 2e-11);

    /// <summary>What a scatter run of <paramref name="plan"/> measures when the world is exactly as the model describes it.</summary>
    public static (List<StageMeasurement> Stages, double Wall) Measure(PlanShape shape, IReadOnlyList<SiloFigures> silos, int parallelism, DispatchCosts d)
    {
        var stages = new List<StageMeasurement>();
        foreach (var s in shape.PerStage())
        {
            if (s.Kind == StageKind.Chain)
            {
                var chain = Line.Seconds(s.WorkUnits, s.StepsPerTask);
                stages.Add(new StageMeasurement(StageKind.Chain, 1, chain + d.ChainCallSeconds + (s.BytesPerTask * d.SecondsPerByte), chain, chain));
                continue;
            }

            var effective = CostPredictor.EffectiveParallelism(silos, parallelism, s.Tasks);
            var task = Line.Seconds(s.WorkUnits * s.ComputeFactor / s.Tasks, s.StepsPerTask);
            var waves = (s.Tasks + effective - 1) / effective;
            var wall = (waves * task) + d.StageBarrierSeconds + (d.TaskDispatchSeconds * waves) + ((double)s.Tasks * s.BytesPerTask * d.SecondsPerByte);
            stages.Add(new StageMeasurement(StageKind.Parallel, s.Tasks, wall, s.Tasks * task, task));
        }

        return (stages, d.ScatterJobSeconds + stages.Sum(s => s.WallSeconds));
    }
}
