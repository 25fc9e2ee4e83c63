using SerialCluster.Analysis.Scaling;

namespace SerialCluster.Analysis.Tests.Caveats;

/// <summary>Fits that the data cannot support are said to be so: inconclusive errors, unbounded limits, negative α.</summary>
public sealed class FitHonestyTests
{
    [Fact]
    public void AStandardErrorAboveTheValueIsInconclusive()
    {
        Assert.True(new FittedParameter(0.0, 3.37).IsInconclusive());
        Assert.True(new FittedParameter(0.1, 0.2).IsInconclusive());
        Assert.False(new FittedParameter(0.3, 0.05).IsInconclusive());
        Assert.False(new FittedParameter(0.0, 0.001).IsInconclusive(resolution: 0.05));
        Assert.False(new FittedParameter(0.2, double.NaN).IsInconclusive());
    }

    [Fact]
    public void ASerialFractionOfZeroToRoundingHasAnUnboundedLimitNotTwoToTheFiftySecond()
    {
        var fit = new AmdahlFit(new FittedParameter(1, 0), new FittedParameter(Math.Pow(2, -52), 0.01), 0, 4);

        Assert.Equal(double.PositiveInfinity, fit.MaxSpeedup);
        Assert.Equal(4, new AmdahlFit(new FittedParameter(1, 0), new FittedParameter(0.25, 0.01), 0, 4).MaxSpeedup, 12);
    }

    [Fact]
    public void SuperLinearRunsFitANegativeGustafsonAlphaThatIsFlagged()
    {
        var fit = GustafsonFit.Fit([(2, 2.3), (2, 2.6)])!;

        Assert.True(fit.SerialFraction.Value < 0);
        Assert.True(fit.IsNegative);
        Assert.False(GustafsonFit.Fit([(2, 1.8), (4, 3.1)])!.IsNegative);
    }
}
