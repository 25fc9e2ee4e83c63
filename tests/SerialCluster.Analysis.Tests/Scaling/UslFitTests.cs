using SerialCluster.Analysis.Scaling;

namespace SerialCluster.Analysis.Tests.Scaling;

public sealed class UslFitTests
{
    private static double Time(double sigma, double kappa, int n) => 10.0 / UslFit.Capacity(sigma, kappa, n);

    [Theory]
    [InlineData(0.05, 0.001)]
    [InlineData(0.2, 0.02)]
    [InlineData(0.0, 0.0)]
    [InlineData(0.1, 0.0)]
    public void RecoversSigmaAndKappaFromExactData(double sigma, double kappa)
    {
        var runs = new[] { 1, 2, 4, 8, 16, 32 }.Select(n => new Observation(n, Time(sigma, kappa, n))).ToList();

        var fit = UslFit.Fit(runs)!;

        Assert.True(fit.KappaFitted);
        Assert.Equal(sigma, fit.Sigma.Value, 3);
        Assert.Equal(kappa, fit.Kappa.Value, 4);
    }

    [Fact]
    public void PeakIsWhereCapacityStopsGrowing()
    {
        var runs = new[] { 1, 2, 4, 8, 16, 32 }.Select(n => new Observation(n, Time(0.05, 0.002, n))).ToList();

        var fit = UslFit.Fit(runs)!;

        Assert.Equal(Math.Sqrt(0.95 / 0.002), fit.PeakN, 1);
        Assert.True(fit.Speedup(fit.PeakN) >= fit.Speedup(fit.PeakN * 1.5));
        Assert.True(fit.Speedup(fit.PeakN) >= fit.Speedup(fit.PeakN / 1.5));
    }

    [Fact]
    public void NoisyDataGiveFiniteErrors()
    {
        var random = new Random(3);
        var runs = (from n in new[] { 1, 2, 4, 8, 16 }
                    from r in Enumerable.Range(0, 5)
                    select new Observation(n, Time(0.1, 0.005, n) * (1 + (0.02 * ((2 * random.NextDouble()) - 1))))).ToList();

        var fit = UslFit.Fit(runs)!;

        Assert.InRange(fit.Sigma.StandardError, 1e-5, 0.1);
        Assert.InRange(fit.Kappa.StandardError, 1e-6, 0.01);
        Assert.InRange(Math.Abs(fit.Sigma.Value - 0.1), 0, 4 * fit.Sigma.StandardError);
    }

    [Fact]
    public void TwoDistinctNHoldKappaAtZero()
    {
        var fit = UslFit.Fit([new Observation(1, 4), new Observation(2, 2.5), new Observation(2, 2.5)])!;

        Assert.False(fit.KappaFitted);
        Assert.Equal(0, fit.Kappa.Value);
        Assert.Equal(0.25, fit.Sigma.Value, 3);
        Assert.True(double.IsPositiveInfinity(fit.PeakN));
    }
}
