using SerialCluster.Analysis.Scaling;

namespace SerialCluster.Analysis.Tests.Scaling;

public sealed class GustafsonFitTests
{
    [Fact]
    public void RecoversAlphaFromExactScaledSpeedups()
    {
        var points = new[] { 2, 4, 8 }.Select(p => (p, p - (0.2 * (p - 1)))).ToList();

        var fit = GustafsonFit.Fit(points)!;

        Assert.Equal(0.2, fit.SerialFraction.Value, 9);
        Assert.Equal(0, fit.SerialFraction.StandardError, 9);
        Assert.Equal(16 - (0.2 * 15), fit.ScaledSpeedup(16), 9);
    }

    [Fact]
    public void NeedsAPointAboveOne() => Assert.Null(GustafsonFit.Fit([(1, 1.0)]));
}
