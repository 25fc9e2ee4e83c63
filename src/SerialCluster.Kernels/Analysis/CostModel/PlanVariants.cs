using System.Globalization;
using SerialCluster.Kernels.Parameters;
using SerialCluster.Kernels.Plans;
using SerialCluster.Kernels.Workloads.Cvp;
using SerialCluster.Kernels.Workloads.Eca;

namespace SerialCluster.Kernels.Analysis.CostModel;

/// <summary>
/// Coarser forms of a stepped data-parallel plan — fewer, larger tasks per stage, or fewer stages — written as
/// parameter changes: eca <c>strips</c> and <c>halo</c>, nbody and mdp <c>tasks</c>, cvp <c>tasks</c> and
/// <c>grain</c>. These parameters only decide how the work is split, never what is computed, so every variant's
/// result equals the original's bit for bit (the kernel tests prove it for each).
/// </summary>
public static class PlanVariants
{
    /// <summary>The workloads this applies to.</summary>
    public static readonly IReadOnlySet<string> Applicable = new HashSet<string>(["eca", "nbody", "mdp", "cvp"], StringComparer.Ordinal);

    /// <summary>
    /// Coarser variants of <paramref name="plan"/> for <paramref name="slots"/> cores, each compiled (variants the
    /// workload refuses are left out; so is any that compiles to the same split as the plan itself).
    /// </summary>
    public static IReadOnlyList<(IReadOnlyDictionary<string, string> Changes, WorkloadPlan Plan, PlanShape Shape)> Candidates(WorkloadPlan plan, int slots)
    {
        var workload = plan.Parameters.Workload;
        if (!Applicable.Contains(workload))
        {
            return [];
        }

        slots = Math.Max(1, slots);
        var canonical = plan.Parameters.Canonical;
        var changes = new List<Dictionary<string, string>>();
        switch (workload)
        {
            case "eca" when plan is EcaPlan eca:
                var strips = new EcaGeometry(plan.Parameters).Strips;
                var steps = plan.Parameters.GetInteger("steps");
                foreach (var s in Fewer(strips, slots, includeSelf: true))
                {
                    foreach (var halo in new[] { 0, Math.Min(steps, EcaWorkload.MaxHalo), Math.Min(steps, 4 * eca.Halo), Math.Min(steps, 16 * eca.Halo) }.Distinct())
                    {
                        changes.Add(new() { ["strips"] = Text(s), ["halo"] = Text(halo) });
                    }
                }

                break;
            case "nbody" or "mdp":
                foreach (var t in Fewer(plan.Parameters.GetInteger("tasks"), slots, includeSelf: false))
                {
                    changes.Add(new() { ["tasks"] = Text(t) });
                }

                break;
            case "cvp":
                var tasks = plan.Parameters.GetInteger("tasks");
                var grain = plan.Parameters.GetInteger("grain");
                foreach (var t in Fewer(tasks, slots, includeSelf: true))
                {
                    foreach (var g in new[] { grain, 4 * grain, 16 * grain })
                    {
                        if (t != tasks || g != grain)
                        {
                            changes.Add(new() { ["tasks"] = Text(t), ["grain"] = Text(Math.Min(g, CvpWorkload.MaxCircuitCharacters)) });
                        }
                    }
                }

                break;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal) { Signature(PlanShape.Of(plan)) };
        var variants = new List<(IReadOnlyDictionary<string, string>, WorkloadPlan, PlanShape)>();
        foreach (var change in changes)
        {
            if (TryCompile(plan, change) is { } compiled && PlanShape.Of(compiled) is var shape && seen.Add(Signature(shape)))
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

    /// <summary>Compiles the plan with <paramref name="changes"/>, or null when the workload refuses them.</summary>
    public static WorkloadPlan? TryCompile(WorkloadPlan plan, IReadOnlyDictionary<string, string> changes)
    {
        try
        {
            return WorkloadCatalog.Get(plan.Parameters.Workload).Plan(Apply(plan.Parameters.Canonical, changes));
        }
        catch (InvalidParameterException)
        {
            return null;
        }
    }

    /// <summary>Task counts below <paramref name="current"/>: one per core and two per core (and the current one when asked).</summary>
    private static IEnumerable<long> Fewer(long current, int slots, bool includeSelf)
    {
        var counts = new SortedSet<long>();
        if (includeSelf)
        {
            counts.Add(current);
        }

        foreach (var count in new long[] { slots, 2L * slots })
        {
            if (count < current)
            {
                counts.Add(count);
            }
        }

        return counts;
    }

    /// <summary>How a plan splits its work: its stages' task counts and units; two plans with the same signature cost the same.</summary>
    private static string Signature(PlanShape shape) =>
        string.Join(';', shape.Stages.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Kind}:{s.Tasks}:{s.WorkUnits}:{s.SpanUnits}:{s.StepsPerTask}:{s.Count}")));

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
