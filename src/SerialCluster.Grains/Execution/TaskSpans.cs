using SerialCluster.Abstractions.Jobs;

namespace SerialCluster.Grains.Execution;

/// <summary>Keeps a job's task timeline bounded: beyond the caps, a stage's tasks are folded into one span per silo.</summary>
public static class TaskSpans
{
    /// <summary>Individual task spans one stage keeps while it runs; beyond, its spans become per-silo aggregates.</summary>
    public const int MaxPerStage = 4096;

    /// <summary>Task spans one job's profile carries in total.</summary>
    public const int MaxPerJob = 4096;

    /// <summary>One span per silo: first start to last end, kernel seconds and task counts summed.</summary>
    public static List<TaskSpan> PerSilo(IEnumerable<TaskSpan> spans) =>
        [.. spans
            .GroupBy(s => s.Silo, StringComparer.Ordinal)
            .Select(g => new TaskSpan(g.Key, g.Min(s => s.StartSeconds), g.Max(s => s.EndSeconds), g.Sum(s => s.KernelSeconds), g.Sum(s => s.Tasks)))
            .OrderBy(s => s.Silo, StringComparer.Ordinal)];

    /// <summary>
    /// Applies <see cref="MaxPerJob"/>: while the stages hold more spans than that, the stage with the most is folded per
    /// silo; if even one span per silo per stage is too many, later stages lose theirs (a report then says so).
    /// </summary>
    public static List<StageProfile> Cap(List<StageProfile> stages)
    {
        var result = stages.ToList();
        var total = result.Sum(s => s.TaskSpans?.Count ?? 0);
        while (total > MaxPerJob)
        {
            var (largest, at) = result.Select((s, i) => (Count: s.TaskSpans?.Count ?? 0, Index: i)).MaxBy(x => x.Count);
            var folded = PerSilo(result[at].TaskSpans!);
            if (folded.Count >= largest)
            {
                break;
            }

            result[at] = result[at] with { TaskSpans = folded };
            total -= largest - folded.Count;
        }

        for (var i = result.Count - 1; i >= 0 && total > MaxPerJob; i--)
        {
            total -= result[i].TaskSpans?.Count ?? 0;
            result[i] = result[i] with { TaskSpans = null };
        }

        return result;
    }
}
