using SerialCluster.Analysis.Span;

namespace SerialCluster.Analysis.Tests.Span;

public sealed class SpanScalingTests
{
    [Fact]
    public void AChainsSpanHasSlopeOneAndADoublingJumpsSlopeNearZero()
    {
        // Rule 110 stepwise: span = steps · width / strips. Rule 90's jump: span = popcount(steps) · width / strips.
        var sizes = new long[] { 1_000, 10_000, 100_000, 1_000_000 };
        var chain = SpanScaling.Fit([.. sizes.Select(s => new SpanPoint(s, s * 4096, s * 512, s * 1e-6, s * 2e-6))]);
        var jump = SpanScaling.Fit([.. sizes.Select(s => new SpanPoint(s, long.PopCount(s) * 4096, long.PopCount(s) * 512, long.PopCount(s) * 1e-4, 0.01))]);

        Assert.Equal(1.0, chain.UnitsSlope!.Slope, 9);
        Assert.Equal(1.0, chain.SecondsSlope!.Slope, 9);
        Assert.StartsWith("span grows with the input", chain.Reading, StringComparison.Ordinal);
        Assert.InRange(jump.UnitsSlope!.Slope, 0, 0.25);
        Assert.StartsWith("span barely grows", jump.Reading, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSlopeOfAPowerLawIsItsExponentWithAnErrorFromTheScatter()
    {
        var exact = LogLogSlope.Fit([(1, 3), (2, 3 * Math.Pow(2, 0.5)), (8, 3 * Math.Pow(8, 0.5))])!;
        Assert.Equal(0.5, exact.Slope, 12);
        Assert.Equal(Math.Log(3), exact.Intercept, 12);
        Assert.Equal(0, exact.SlopeStdErr, 9);

        var noisy = LogLogSlope.Fit([(1, 1), (10, 12), (100, 90), (1000, 1100)])!;
        Assert.InRange(noisy.Slope, 0.95, 1.05);
        Assert.True(noisy.SlopeStdErr > 0);
        Assert.True(double.IsNaN(LogLogSlope.Fit([(1, 1), (10, 10)])!.SlopeStdErr));
        Assert.Null(LogLogSlope.Fit([(10, 1), (10, 5)]));
        Assert.Null(LogLogSlope.Fit([(1, 0), (10, 0)]));
    }
}
