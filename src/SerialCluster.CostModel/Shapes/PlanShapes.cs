using System.Collections.Concurrent;
using System.Globalization;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.CostModel.Shapes;

/// <summary>
/// A plan's shape and its coarser variants' shapes (<see cref="PlanVariants.Candidates"/>), kept by workload and
/// canonical parameters: plans are pure functions of those, so a workload run again with the same parameters — the
/// usual case — is decided without compiling a dozen variants and walking up to a thousand stages each, a cost every
/// job in every mode would pay. Bounded: when full, it starts again empty. One per silo (a DI singleton).
/// </summary>
public sealed class PlanShapes
{
    public const int Capacity = 256;

    private readonly ConcurrentDictionary<string, PlanShape> _shapes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyList<(IReadOnlyDictionary<string, string> Changes, PlanShape Shape)>> _variants =
        new(StringComparer.Ordinal);

    /// <summary><see cref="PlanShape.Of"/>, computed once per workload and parameters.</summary>
    public PlanShape Of(WorkloadPlan plan) => Keep(_shapes, Key(plan), plan, PlanShape.Of);

    /// <summary>
    /// The coarser variants for <paramref name="slots"/> cores as parameter changes and shapes, computed once per
    /// workload, parameters and slots.
    /// </summary>
    public IReadOnlyList<(IReadOnlyDictionary<string, string> Changes, PlanShape Shape)> Candidates(WorkloadPlan plan, int slots) =>
        Keep(_variants, Key(plan) + "|" + slots.ToString(CultureInfo.InvariantCulture), plan,
            p => [.. PlanVariants.Candidates(p, slots).Select(v => (v.Changes, v.Shape))]);

    private static T Keep<T>(ConcurrentDictionary<string, T> cache, string key, WorkloadPlan plan, Func<WorkloadPlan, T> compute)
    {
        if (cache.TryGetValue(key, out var kept))
        {
            return kept;
        }

        if (cache.Count >= Capacity)
        {
            cache.Clear();
        }

        return cache.GetOrAdd(key, _ => compute(plan));
    }

    private static string Key(WorkloadPlan plan) =>
        plan.Parameters.Workload + "?"
        + string.Join('&', plan.Parameters.Canonical.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));
}
