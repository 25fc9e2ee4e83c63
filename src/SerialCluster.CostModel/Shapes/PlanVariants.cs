using System.Globalization;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.CostModel.Shapes;

/// <summary>
/// Coarser forms of a plan — fewer, larger tasks per stage, or fewer stages — as the plan itself offers them
/// (<see cref="WorkloadPlan.CoarserSplits"/>), compiled and priced here. The splits only decide how the work is split,
/// never what is computed, so every variant's result equals the original's bit for bit (PlanVariantsTests prove it for
/// each workload that offers any). Knows no workload by name: a new workload offers its splits on its own plan.
/// </summary>
public static class PlanVariants
{
    /// <summary>
    /// Coarser variants of <paramref name="plan"/> for <paramref name="slots"/> cores, each compiled by
    /// <paramref name="workload"/> (the catalog's workload of that name when null); variants the workload refuses are
    /// left out, and so is any that compiles to the same split as the plan itself or as an earlier variant.
    /// </summary>
    public static IReadOnlyList<(IReadOnlyDictionary<string, string> Changes, WorkloadPlan Plan, PlanShape Shape)> Candidates(
        WorkloadPlan plan, int slots, Workload? workload = null)
    {
        var changes = plan.CoarserSplits(Math.Max(1, slots));
        if (changes.Count == 0)
        {
            return [];
        }

        var seen = new HashSet<string>(StringComparer.Ordinal) { Signature(PlanShape.Of(plan)) };
        var variants = new List<(IReadOnlyDictionary<string, string>, WorkloadPlan, PlanShape)>();
        foreach (var change in changes)
        {
            if (TryCompile(plan, change, workload) is { } compiled && PlanShape.Of(compiled) is var shape && seen.Add(Signature(shape)))
            {
                variants.Add((change, compiled, shape));
            }
        }

        return variants;
    }

    /// <summary>The plan's canonical parameters with <paramref name="changes"/> applied.</summary>
    public static Dictionary<string, string> Apply(IReadOnlyDictionary<string, string> canonical, IReadOnlyDictionary<string, string> changes)
    {
        var result = new Dictionary<string, string>(canonical, StringComparer.Ordinal);
        foreach (var (name, value) in changes)
        {
            result[name] = value;
        }

        return result;
    }

    /// <summary>
    /// Compiles the plan with <paramref name="changes"/> by <paramref name="workload"/> (the catalog's workload of the
    /// plan's name when null), or null when the workload refuses them.
    /// </summary>
    public static WorkloadPlan? TryCompile(WorkloadPlan plan, IReadOnlyDictionary<string, string> changes, Workload? workload = null)
    {
        try
        {
            return (workload ?? WorkloadCatalog.Get(plan.Parameters.Workload)).Plan(Apply(plan.Parameters.Canonical, changes));
        }
        catch (InvalidParameterException)
        {
            return null;
        }
    }

    /// <summary>How a plan splits its work: its stages' task counts and units; two plans with the same signature cost the same.</summary>
    private static string Signature(PlanShape shape) =>
        string.Join(';', shape.Stages.Select(s =>
            string.Create(CultureInfo.InvariantCulture, $"{s.Kind}:{s.Tasks}:{s.WorkUnits}:{s.SpanUnits}:{s.StepsPerTask}:{s.Count}")));
}
