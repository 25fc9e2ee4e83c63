using SerialCluster.Workloads.Plans;

namespace SerialCluster.CostModel.Shapes;

/// <summary>
/// A plan reduced to what its cost depends on: its stages (runs of identical stages merged, so a million-step
/// simulation is one entry) and its whole-job chain, if it has one.
/// </summary>
public sealed record PlanShape(IReadOnlyList<StageShape> Stages, WholeChainShape? WholeChain)
{
    /// <summary>Bytes a task is assumed to move in and out when the plan does not say (a few small numbers).</summary>
    public const long DefaultBytesPerTask = 64;

    /// <summary>Stages the plan has, counting merged runs.</summary>
    public int StageCount => Stages.Sum(s => s.Count);

    /// <summary>One entry per stage of the plan, in order (merged runs expanded).</summary>
    public IEnumerable<StageShape> PerStage() => Stages.SelectMany(s => Enumerable.Repeat(s, s.Count));

    public static PlanShape Of(WorkloadPlan plan)
    {
        var stages = new List<StageShape>();
        for (var index = 0; index < plan.Stages.Count; index++)
        {
            var stage = plan.Stages[index];
            var shape = stage.Kind == StageKind.Parallel && plan.TaskCostOf(index) is { } cost
                ? new StageShape(
                    StageKind.Parallel, stage.TaskCount, stage.WorkUnits, stage.SpanUnits, cost.StepsPerTask, cost.ComputeFactor, cost.BytesPerTask)
                : Generic(stage);
            if (stages.Count > 0 && stages[^1] with { Count = 1 } == shape)
            {
                stages[^1] = stages[^1] with { Count = stages[^1].Count + 1 };
            }
            else
            {
                stages.Add(shape);
            }
        }

        var whole = plan.WholeChainSteps() is { } steps ? new WholeChainShape(plan.Work, steps) : (WholeChainShape?)null;
        return new PlanShape(stages, whole);
    }

    private static StageShape Generic(StageSpec stage) => stage.Kind == StageKind.Chain
        ? new StageShape(StageKind.Chain, 1, stage.WorkUnits, stage.SpanUnits, Math.Max(1, stage.WorkUnits), 1.0, 2 * DefaultBytesPerTask)
        : new StageShape(StageKind.Parallel, stage.TaskCount, stage.WorkUnits, stage.SpanUnits, 1, 1.0, 2 * DefaultBytesPerTask);
}
