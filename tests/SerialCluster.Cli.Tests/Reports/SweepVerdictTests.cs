using SerialCluster.Analysis.Scaling;
using SerialCluster.Cli.Reports;

namespace SerialCluster.Cli.Tests.Reports;

/// <summary>
/// The figures of issue 17, measured on main: Rule 110 eca pinned 2.03 s, scattered 4.60 s at P = 1 and 3.31 s at P = 2.
/// Against its own P = 1 the scattered job "scales" 1.39×; against the best serial run it is 0.61×, and the verdict must
/// say it got slower.
/// </summary>
public sealed class SweepVerdictTests
{
    private static readonly Observation[] Scattered = [new(1, 4.60, 1), new(2, 3.31, 1), new(1, 4.62, 2), new(2, 3.30, 2)];

    private static readonly SerialBaseline Pinned = new([new(1, 2.03, 1), new(1, 2.04, 2)], "pinned");

    [Fact]
    public void AScatteredChainSlowerThanOneCoreIsSaidToBeSlowerWhateverItsRelativeScaling()
    {
        var analysis = ScalingAnalysis.Analyze(Scattered, cores: 2, workSpan: null, controls: null, serial: Pinned);

        var two = analysis.Points.Single(p => p.P == 2);
        Assert.Equal(2.035 / 3.305, two.Speedup, 9);
        Assert.Equal(4.61 / 3.305, two.RelativeSpeedup, 9);
        Assert.Equal(two.Speedup / 2, two.Efficiency, 9);
        Assert.Equal(ScalingAnalysis.KarpFlatt(two.Speedup, 2), two.KarpFlatt, 9);
        Assert.True(two.KarpFlatt > 1, "Karp–Flatt against the serial run exceeds 1 when the parallel run is slower");
        Assert.Equal(2.035 / 4.61, analysis.Points.Single(p => p.P == 1).Speedup, 9);
        Assert.True(analysis.IsAbsolute);
        Assert.True(analysis.Amdahl!.Absolute);
        Assert.Equal(2.035, analysis.Amdahl.T1Seconds.Value, 9);
        Assert.Equal(1.0, analysis.Amdahl.SerialFraction.Value, 3);
        Assert.False(analysis.AmdahlRelative!.Absolute);
        Assert.True(analysis.AmdahlRelative.SerialFraction.Value < 0.6);

        var verdict = SweepVerdict.Describe(analysis, "scatter");
        Assert.StartsWith("more cores made it slower", verdict, StringComparison.Ordinal);
        Assert.Contains("scales 1.39×: scalability, not speedup", verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void AParallelJobIsJudgedAgainstTheSerialRunToo()
    {
        var analysis = ScalingAnalysis.Analyze(
            [new(1, 2.10, 1), new(2, 1.08, 1)], cores: 2, workSpan: null, controls: null, serial: new([new(1, 2.0, 1)], "pinned"));

        Assert.Equal(2.0 / 1.08, analysis.Points.Single(p => p.P == 2).Speedup, 9);
        Assert.InRange(analysis.Amdahl!.SerialFraction.Value, 0, 0.1);
        Assert.StartsWith("parallel: more cores help", SweepVerdict.Describe(analysis, "scatter"), StringComparison.Ordinal);
    }

    [Fact]
    public void AJobWithASerialPartIsJudgedAgainstWhatItsPlanAllows()
    {
        // Amdahl with f = 0.25: the plan allows 1.6× on 2 cores; 1.48× is 93 % of that, not an overhead-bound 74 % of 2.
        var analysis = ScalingAnalysis.Analyze(
            [new(1, 2.10, 1), new(2, 1.35, 1)], cores: 2, workSpan: null, controls: null, serial: new([new(1, 2.0, 1)], "pinned"));

        var verdict = SweepVerdict.Describe(analysis, "scatter", p => 1 / (0.25 + (0.75 / p)));
        Assert.StartsWith("parallel: more cores help", verdict, StringComparison.Ordinal);
        Assert.Contains("of the 1.60× its plan allows", verdict, StringComparison.Ordinal);
        Assert.StartsWith("parallel, but overhead-bound", SweepVerdict.Describe(analysis, "scatter"), StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutABaselineTheFiguresAreRelativeAndSaySo()
    {
        var analysis = ScalingAnalysis.Analyze(Scattered, cores: 2, workSpan: null);

        Assert.False(analysis.IsAbsolute);
        Assert.Equal(4.61 / 3.305, analysis.Points.Single(p => p.P == 2).Speedup, 9);
        Assert.Null(analysis.AmdahlRelative);
        Assert.StartsWith("relative", analysis.BaselineLabel, StringComparison.Ordinal);
    }

    [Fact]
    public void OnCoresThatDeliveredLittleTheVerdictIsInconclusive()
    {
        var controls = new ControlRun[] { new(1, 1, 1.0), new(2, 1, 1.9) };
        var analysis = ScalingAnalysis.Analyze(Scattered, cores: 2, workSpan: null, controls, Pinned);

        Assert.StartsWith("inconclusive", SweepVerdict.Describe(analysis, "scatter"), StringComparison.Ordinal);
    }
}
