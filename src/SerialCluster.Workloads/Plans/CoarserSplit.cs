using System.Globalization;

namespace SerialCluster.Workloads.Plans;

/// <summary>
/// Helpers for <see cref="WorkloadPlan.CoarserSplits"/>: the task counts a coarser split tries, and a split written
/// as the parameter changes the workload compiles.
/// </summary>
public static class CoarserSplit
{
    /// <summary>Task counts below <paramref name="current"/>: one per core and two per core (and the current one when asked).</summary>
    public static IEnumerable<long> TaskCounts(long current, int slots, bool includeSelf)
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

    /// <summary>A split as parameter changes, each value written as the workload parses it.</summary>
    public static IReadOnlyDictionary<string, string> Of(params ReadOnlySpan<(string Name, long Value)> changes)
    {
        var split = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in changes)
        {
            split[name] = value.ToString(CultureInfo.InvariantCulture);
        }

        return split;
    }

    /// <summary>Fewer tasks (one and two per core) through the workload's <c>tasks</c> parameter: nbody, mdp, arith and refine.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> FewerTasks(WorkloadPlan plan, int slots) =>
        [.. TaskCounts(plan.Parameters.GetInteger("tasks"), slots, includeSelf: false).Select(t => Of(("tasks", t)))];
}
