using SerialCluster.Analysis.Scaling;

namespace SerialCluster.Analysis.Tests.Scaling;

public sealed class AmdahlFitTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.05)]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(1.0)]
    public void RecoversTheSerialFractionOfExactData(double f)
    {
        var runs = new[] { 1, 2, 4, 8, 16 }.Select(p => new Observation(p, AmdahlFit.Time(10, f, p))).ToList();

        var fit = AmdahlFit.Fit(runs)!;

        Assert.InRange(fit.SerialFraction.Value, f - 0.01, f + 0.01);
        Assert.InRange(fit.T1Seconds.Value, 9.99, 10.01);
        Assert.InRange(fit.SerialFraction.StandardError, 0, 1e-4);
    }

    [Fact]
    public void TwoPointsAreEnoughForTheFraction()
    {
        var fit = AmdahlFit.Fit([new Observation(1, 4), new Observation(2, 2.5)])!;

        // T(2)/T(1) = f + (1 − f)/2 = 0.625 ⇒ f = 0.25; no degrees of freedom are left for an error.
        Assert.Equal(0.25, fit.SerialFraction.Value, 3);
        Assert.True(double.IsNaN(fit.SerialFraction.StandardError));
    }

    [Fact]
    public void NoisyRepeatsGiveAnErrorThatCoversTheTruthAndShrinksWithMoreRuns()
    {
        var small = Noisy(0.3, repeats: 3, noise: 0.03, seed: 7);
        var large = Noisy(0.3, repeats: 30, noise: 0.03, seed: 7);

        var fitSmall = AmdahlFit.Fit(small)!;
        var fitLarge = AmdahlFit.Fit(large)!;

        Assert.InRange(fitSmall.SerialFraction.StandardError, 1e-4, 0.1);
        Assert.InRange(Math.Abs(fitLarge.SerialFraction.Value - 0.3), 0, 4 * fitLarge.SerialFraction.StandardError);
        Assert.True(fitLarge.SerialFraction.StandardError < fitSmall.SerialFraction.StandardError);
    }

    [Fact]
    public void OnePIsNotEnough() => Assert.Null(AmdahlFit.Fit([new Observation(2, 1), new Observation(2, 1.1)]));

    internal static List<Observation> Noisy(double f, int repeats, double noise, int seed)
    {
        var random = new Random(seed);
        return [.. from p in new[] { 1, 2, 4, 8 }
                   from r in Enumerable.Range(0, repeats)
                   select new Observation(p, AmdahlFit.Time(10, f, p) * (1 + (noise * ((2 * random.NextDouble()) - 1))))];
    }
}
