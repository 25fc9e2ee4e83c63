using SerialCluster.Analysis.Scaling;

namespace SerialCluster.Analysis.Tests.Scaling;

public sealed class ScalingAnalysisTests
{
    [Fact]
    public void PointsCarryMediansSpreadSpeedupEfficiencyAndKarpFlatt()
    {
        var runs = new[]
        {
            new Observation(1, 10), new Observation(1, 11), new Observation(1, 9),
            new Observation(2, 6.5), new Observation(2, 6), new Observation(2, 7),
            new Observation(4, 6.2),
        };

        var analysis = ScalingAnalysis.Analyze(runs, cores: 2, workSpan: null);

        var two = analysis.Points.Single(p => p.P == 2);
        Assert.Equal(6.5, two.MedianSeconds);
        Assert.Equal(1.0 / 6.5, two.Spread, 9);
        Assert.Equal(10 / 6.5, two.Speedup, 9);
        Assert.Equal(10 / 6.5 / 2, two.Efficiency, 9);
        Assert.Equal(((6.5 / 10) - 0.5) / 0.5, two.KarpFlatt, 9);
        Assert.False(two.Saturated);
        Assert.True(analysis.Points.Single(p => p.P == 4).Saturated);
        Assert.True(double.IsNaN(analysis.Points.Single(p => p.P == 1).KarpFlatt));
    }

    [Fact]
    public void AmdahlIgnoresSaturatedPointsAndMatchesKarpFlattOnTwoCores()
    {
        // f = 0.3 up to the 2 cores; at P = 4 the machine is saturated and takes as long as at P = 2.
        var runs = new[] { new Observation(1, 10), new Observation(2, 6.5), new Observation(4, 6.5) };

        var analysis = ScalingAnalysis.Analyze(runs, cores: 2, workSpan: null);

        Assert.Equal(0.3, analysis.Amdahl!.SerialFraction.Value, 3);
        Assert.Equal(analysis.Points.Single(p => p.P == 2).KarpFlatt, analysis.Amdahl.SerialFraction.Value, 3);
        Assert.True(analysis.Usl!.KappaFitted);
    }

    [Fact]
    public void BoundsFollowWorkSpanAndBrent()
    {
        var workSpan = new WorkSpan(WorkSeconds: 8, SpanSeconds: 1, Tasks: 16, Stages: 2, DispatchSeconds: 0.01);
        var analysis = ScalingAnalysis.Analyze([new Observation(1, 10), new Observation(2, 5.5), new Observation(4, 5.6)], cores: 2, workSpan);

        var two = analysis.Bounds.Single(b => b.P == 2);
        Assert.Equal(4, two.LowerBoundSeconds);
        Assert.Equal(5, two.BrentSeconds);
        Assert.Equal(5 + (0.01 * (8 + 2)), two.BurdenedSeconds, 12);
        Assert.Equal(10 / 4.0, two.SpanSpeedup);
        Assert.Equal(8, workSpan.Parallelism);
        // Four tasks in flight on two cores get two processors: the bounds stop where the cores do.
        Assert.Equal(two.LowerBoundSeconds, analysis.Bounds.Single(b => b.P == 4).LowerBoundSeconds);
    }

    [Fact]
    public void RefusesASweepWithoutPOne() =>
        Assert.Throws<ArgumentException>(() => ScalingAnalysis.Analyze([new Observation(2, 1)], 2, null));

    [Fact]
    public void KarpFlattRecoversTheSerialFractionOfAnAmdahlSpeedup()
    {
        Assert.Equal(0.1, ScalingAnalysis.KarpFlatt(AmdahlFit.Speedup(0.1, 8), 8), 12);
        Assert.True(double.IsNaN(ScalingAnalysis.KarpFlatt(1, 1)));
    }
}
