namespace SerialCluster.Analysis.Timeline;

/// <summary>
/// A measured job's timeline read back: critical path, parallelism over time and the verdict. Stages without recorded
/// start times (pinned runs) are laid end to end; stages without task spans count as one task of their span on the
/// critical path and spread their work evenly over their wall time in the profile.
/// </summary>
public sealed record JobTimeline(
    IReadOnlyList<TimelineStage> Stages,
    IReadOnlyList<CriticalStep> CriticalPath,
    IReadOnlyList<ParallelismSample> Profile,
    double WallSeconds,
    double AverageParallelism,
    double PeakParallelism,
    bool Reconstructed,
    JobVerdict Verdict)
{
    public const int ProfileSlices = 200;

    public static JobTimeline Analyze(IReadOnlyList<TimelineStage> stages, double wallSeconds, int processors)
    {
        var reconstructed = stages.Count > 1 && stages.All(s => s.Start == 0);
        var placed = new List<TimelineStage>();
        var clock = 0.0;
        foreach (var stage in stages)
        {
            placed.Add(reconstructed ? stage with { Start = clock } : stage);
            clock = (reconstructed ? clock : stage.Start) + stage.WallSeconds;
        }

        var critical = placed.Select(CriticalOf).ToList();
        var wall = Math.Max(wallSeconds, placed.Count == 0 ? 0 : placed.Max(s => s.Start + s.WallSeconds));
        var profile = BusyProfile(placed, wall);
        var work = placed.Sum(s => s.WorkSeconds);
        var span = placed.Sum(s => s.SpanSeconds);
        return new JobTimeline(
            placed,
            critical,
            profile,
            wallSeconds,
            wallSeconds > 0 ? work / wallSeconds : 0,
            profile.Count == 0 ? 0 : profile.Max(p => p.Running),
            reconstructed,
            JobVerdict.Judge(work, span, wallSeconds, processors, placed.Sum(s => s.Tasks), Math.Max(0, wallSeconds - placed.Sum(s => s.WallSeconds))));
    }

    private static CriticalStep CriticalOf(TimelineStage stage)
    {
        var last = stage.Spans.Where(s => s.Tasks == 1).MaxBy(s => s.End);
        return last is null
            ? new CriticalStep(
                stage.Index,
                stage.Name,
                stage.Spans.Count == 1 ? stage.Spans[0].Silo : null,
                stage.Start,
                stage.Start + stage.WallSeconds,
                stage.SpanSeconds,
                stage.WallSeconds)
            : new CriticalStep(stage.Index, stage.Name, last.Silo, last.Start, last.End, last.KernelSeconds, stage.WallSeconds);
    }

    /// <summary>Compute seconds falling in each slice divided by the slice's length: the average number of busy tasks.</summary>
    private static List<ParallelismSample> BusyProfile(IReadOnlyList<TimelineStage> stages, double wall)
    {
        if (wall <= 0)
        {
            return [];
        }

        var width = wall / ProfileSlices;
        var busy = new double[ProfileSlices];
        foreach (var stage in stages)
        {
            IEnumerable<(double Start, double End, double Kernel)> intervals = stage.Spans.Count > 0
                ? stage.Spans.Select(s => (s.Start, s.End, s.KernelSeconds))
                : [(stage.Start, stage.Start + stage.WallSeconds, stage.WorkSeconds)];
            foreach (var (start, end, kernel) in intervals)
            {
                var length = end - start;
                if (length <= 0)
                {
                    continue;
                }

                var rate = kernel / length;
                var first = Math.Clamp((int)(start / width), 0, ProfileSlices - 1);
                var last = Math.Clamp((int)(end / width), 0, ProfileSlices - 1);
                for (var i = first; i <= last; i++)
                {
                    var overlap = Math.Min(end, (i + 1) * width) - Math.Max(start, i * width);
                    if (overlap > 0)
                    {
                        busy[i] += rate * overlap;
                    }
                }
            }
        }

        return [.. busy.Select((b, i) => new ParallelismSample(i * width, (i + 1) * width, b / width))];
    }
}
