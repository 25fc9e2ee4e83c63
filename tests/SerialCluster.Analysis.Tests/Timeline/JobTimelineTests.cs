using SerialCluster.Analysis.Timeline;

namespace SerialCluster.Analysis.Tests.Timeline;

public sealed class JobTimelineTests
{
    [Fact]
    public void ChainIsSpanBoundAndItsTaskIsTheCriticalPath()
    {
        var stage = new TimelineStage(0, "chain", "chain", 0.01, 2.0, 1.98, 1.98, 1, [new TimelineSpan("silo-0", 0.01, 2.01, 1.98, 1)]);

        var timeline = JobTimeline.Analyze([stage], 2.02, processors: 2);

        Assert.Equal(VerdictKind.SpanBound, timeline.Verdict.Kind);
        Assert.Equal("silo-0", Assert.Single(timeline.CriticalPath).Silo);
        Assert.InRange(timeline.PeakParallelism, 0.9, 1.0);
        Assert.Contains("span-bound", timeline.Verdict.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void WideStageOnTwoSilosIsThroughputBoundWithTwoRunning()
    {
        var spans = Enumerable.Range(0, 8)
            .Select(i => new TimelineSpan($"silo-{i % 2}", i / 2 * 1.0, (i / 2 * 1.0) + 1, 1.0, 1))
            .ToList();
        var stage = new TimelineStage(0, "wide", "parallel", 0, 4, 8, 1, 8, spans);

        var timeline = JobTimeline.Analyze([stage], 4, processors: 2);

        Assert.Equal(VerdictKind.ThroughputBound, timeline.Verdict.Kind);
        Assert.Equal(2.0, timeline.AverageParallelism, 9);
        Assert.Equal(2.0, timeline.PeakParallelism, 6);
        Assert.Equal(4.0, timeline.CriticalPath[0].End);
    }

    [Fact]
    public void TinyTasksWithLongWallAreDispatchBound()
    {
        var stage = new TimelineStage(0, "wide", "parallel", 0, 1.0, 0.1, 0.001, 1000, []);

        var verdict = JobTimeline.Analyze([stage], 1.0, processors: 2).Verdict;

        Assert.Equal(VerdictKind.DispatchBound, verdict.Kind);
        Assert.InRange(verdict.OverheadShare, 0.9, 1.0);
    }

    [Fact]
    public void PinnedStagesWithoutStartsAreLaidEndToEnd()
    {
        var stages = new[]
        {
            new TimelineStage(0, "a", "chain", 0, 1, 1, 1, 1, []),
            new TimelineStage(1, "b", "parallel", 0, 2, 2, 0.5, 4, []),
        };

        var timeline = JobTimeline.Analyze(stages, 3, processors: 1);

        Assert.True(timeline.Reconstructed);
        Assert.Equal(1, timeline.Stages[1].Start);
    }

    [Fact]
    public void SetupBeforeTheFirstStageIsNamedAsSuch()
    {
        var stage = new TimelineStage(0, "wide", "parallel", 0.5, 0.2, 0.4, 0.05, 16, []);

        var verdict = JobTimeline.Analyze([stage], 0.7, processors: 2).Verdict;

        Assert.Equal(VerdictKind.DispatchBound, verdict.Kind);
        Assert.Contains("outside the stages", verdict.Explanation, StringComparison.Ordinal);
    }
}
