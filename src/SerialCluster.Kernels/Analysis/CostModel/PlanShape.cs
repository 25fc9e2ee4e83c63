using SerialCluster.Kernels.Plans;
using SerialCluster.Kernels.Workloads.Eca;

namespace SerialCluster.Kernels.Analysis.CostModel;

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
        var eca = plan as EcaPlan;
        var geometry = eca is null ? null : new EcaGeometry(plan.Parameters);
        var stages = new List<StageShape>();
        for (var index = 0; index < plan.Stages.Count; index++)
        {
            var stage = plan.Stages[index];
            var shape = geometry is null || eca is null || stage.Kind == StageKind.Chain
                ? Generic(stage)
                : EcaStrips(stage, geometry, Math.Min(eca.Halo, geometry.Steps - (index * eca.Halo)), first: index == 0);
            if (stages.Count > 0 && stages[^1] with { Count = 1 } == shape)
            {
                stages[^1] = stages[^1] with { Count = stages[^1].Count + 1 };
            }
            else
            {
                stages.Add(shape);
            }
        }

        WholeChainShape? whole = null;
        if (geometry is not null)
        {
            whole = new WholeChainShape(plan.Work, geometry.Steps);
        }
        else if (plan.CreateWholeChain() is { } chain)
        {
            whole = new WholeChainShape(plan.Work, Math.Max(1, chain.TotalSteps));
        }

        return new PlanShape(stages, whole);
    }

    private static StageShape Generic(StageSpec stage) => stage.Kind == StageKind.Chain
        ? new StageShape(StageKind.Chain, 1, stage.WorkUnits, stage.SpanUnits, Math.Max(1, stage.WorkUnits), 1.0, 2 * DefaultBytesPerTask)
        : new StageShape(StageKind.Parallel, stage.TaskCount, stage.WorkUnits, stage.SpanUnits, 1, 1.0, 2 * DefaultBytesPerTask);

    /// <summary>
    /// An eca block of <paramref name="steps"/> steps: each strip also computes its halos, whose exact part shrinks
    /// one cell per side per step, so a strip of s cells computes s + (h − 1) cells per step on average; it receives
    /// its strip and both halos and returns its strip.
    /// </summary>
    private static StageShape EcaStrips(StageSpec stage, EcaGeometry geometry, long steps, bool first)
    {
        var strip = (double)geometry.Cells / geometry.Strips;
        var factor = 1.0 + (Math.Max(0, steps - 1) / Math.Max(1.0, strip));
        var inBytes = first ? 0 : (long)((strip + (2 * steps)) / 8);
        var outBytes = (long)(strip / 8);
        return new StageShape(StageKind.Parallel, stage.TaskCount, stage.WorkUnits, stage.SpanUnits, Math.Max(1, steps), factor, inBytes + outBytes);
    }
}
