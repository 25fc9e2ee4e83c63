using System.Globalization;

namespace SerialCluster.Analysis.Timeline;

/// <summary>
/// The verdict with its numbers. With work W, span S, wall T and P processors, the work–span law says T ≥ max(W/P, S).
/// When more than <see cref="DispatchShare"/> of T lies above that bound, overhead dominates (dispatch-bound); otherwise
/// whichever term of the bound is larger limits the job: S (span-bound: a faster core helps, more cores do not) or W/P
/// (throughput-bound: more cores help, up to the parallelism W/S).
/// </summary>
public sealed record JobVerdict(VerdictKind Kind, double WorkSeconds, double SpanSeconds, double WallSeconds, int Processors, int Tasks, string Explanation)
{
    public const double DispatchShare = 0.5;

    public double LowerBoundSeconds => Math.Max(WorkSeconds / Processors, SpanSeconds);

    public double OverheadShare => WallSeconds > 0 ? Math.Max(0, WallSeconds - LowerBoundSeconds) / WallSeconds : 0;

    public double Parallelism => SpanSeconds > 0 ? WorkSeconds / SpanSeconds : 1;

    public string Label => Kind switch
    {
        VerdictKind.SpanBound => "span-bound",
        VerdictKind.ThroughputBound => "throughput-bound",
        _ => "dispatch-bound",
    };

    /// <param name="outsideStagesSeconds">Wall time outside every stage (planning, cost-model probe): part of the overhead, but not per task.</param>
    public static JobVerdict Judge(double work, double span, double wall, int processors, int tasks, double outsideStagesSeconds = 0)
    {
        processors = Math.Max(1, processors);
        var lower = Math.Max(work / processors, span);
        var overhead = wall > 0 ? Math.Max(0, wall - lower) / wall : 0;
        var parallelism = span > 0 ? work / span : 1;
        var meanTask = tasks > 0 ? work / tasks : 0;
        var numbers = string.Create(
            CultureInfo.InvariantCulture,
            $"work {work:F3} s, span {span:F3} s, wall {wall:F3} s on P={processors}: bound max(W/P, S) = {lower:F3} s, "
            + $"overhead {overhead:P0} of wall, parallelism W/S = {parallelism:F2}");
        if (overhead > DispatchShare)
        {
            var total = Math.Max(0, wall - lower);
            var outside = Math.Min(total, Math.Max(0, outsideStagesSeconds));
            var inside = total - outside;
            var perTask = tasks > 0 ? inside * processors / tasks : 0;
            var advice = outside > inside
                ? string.Create(
                    CultureInfo.InvariantCulture,
                    $"{outside:F3} s of it lies outside the stages (planning, the cost model's probe, result assembly): "
                    + $"give the job more work so that fixed cost amortises")
                : string.Create(
                    CultureInfo.InvariantCulture,
                    $"{inside:F3} s of it lies inside the stages: mean task {meanTask * 1e3:F3} ms "
                    + $"against about {perTask * 1e3:F3} ms of dispatch per task: batch more work per task");
            return new JobVerdict(VerdictKind.DispatchBound, work, span, wall, processors, tasks, string.Create(
                CultureInfo.InvariantCulture,
                $"dispatch-bound: overhead dominates ({numbers}); {advice}"));
        }

        if (span >= work / processors)
        {
            return new JobVerdict(VerdictKind.SpanBound, work, span, wall, processors, tasks, string.Create(
                CultureInfo.InvariantCulture,
                $"span-bound (serial): the critical path decides ({numbers}); "
                + $"more cores do not help, a core x× faster cuts about {span:F3}·(1 − 1/x) s"));
        }

        return new JobVerdict(VerdictKind.ThroughputBound, work, span, wall, processors, tasks, string.Create(
            CultureInfo.InvariantCulture,
            $"throughput-bound (parallel): W/P = {work / processors:F3} s exceeds the span ({numbers}); "
            + $"more cores help, up to about {parallelism:F1} of them"));
    }
}
