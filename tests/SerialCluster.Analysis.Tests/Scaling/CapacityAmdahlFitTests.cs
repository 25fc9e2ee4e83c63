using SerialCluster.Analysis.Scaling;

namespace SerialCluster.Analysis.Tests.Scaling;

public sealed class CapacityAmdahlFitTests
{
    // Cores that do not scale ideally: 2 busy cores deliver 1.6 of one, 4 deliver 2.9 (a VM's shared host, SMT).
    private static readonly CoreCapacity[] Measured =
    [
        new(1, 1, 1, 1, 3), new(2, 1.6, 1.5, 1.7, 3), new(4, 2.9, 2.8, 3.0, 3),
    ];

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(1.0)]
    public void RecoversTheSerialFractionOfExactDataOnTheMeasuredCapacity(double f)
    {
        var runs = Measured.Select(c => new Observation(c.P, CapacityAmdahlFit.Time(10, f, c.Capacity))).ToList();

        var fit = CapacityAmdahlFit.Fit(runs, Measured)!;

        Assert.InRange(fit.SerialFraction.Value, f - 0.01, f + 0.01);
        Assert.InRange(fit.T1Seconds.Value, 9.99, 10.01);
        Assert.Equal(3, fit.Observations);
        Assert.Equal(CapacityAmdahlFit.Speedup(f, 1.6), fit.Speedup(2), 6);
        Assert.True(double.IsNaN(fit.Speedup(8)));
    }

    [Fact]
    public void ThePlainFitReadsTheMissingCapacityAsSerialWork()
    {
        // f = 0 on cores that give 1.6 of 2: the plain fit sees T(2)/T(1) = 0.625, i.e. f = 0.25.
        var runs = Measured.Take(2).Select(c => new Observation(c.P, CapacityAmdahlFit.Time(10, 0, c.Capacity))).ToList();

        Assert.Equal(0.25, AmdahlFit.Fit(runs)!.SerialFraction.Value, 3);
        Assert.Equal(0.0, CapacityAmdahlFit.Fit(runs, Measured)!.SerialFraction.Value, 3);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    [InlineData(0.7)]
    public void IdealCapacityReproducesThePlainFitOnNoisyData(double f)
    {
        var runs = AmdahlFitTests.Noisy(f, repeats: 5, noise: 0.05, seed: 11);
        CoreCapacity[] ideal = [.. new[] { 1, 2, 4, 8 }.Select(p => new CoreCapacity(p, p, p, p, 5))];

        var plain = AmdahlFit.Fit(runs)!;
        var adjusted = CapacityAmdahlFit.Fit(runs, ideal)!;

        Assert.Equal(plain.SerialFraction.Value, adjusted.SerialFraction.Value, 6);
        Assert.Equal(plain.SerialFraction.StandardError, adjusted.SerialFraction.StandardError, 6);
        Assert.Equal(plain.T1Seconds.Value, adjusted.T1Seconds.Value, 6);
        Assert.Equal(plain.RmseSeconds, adjusted.RmseSeconds, 9);
    }

    [Fact]
    public void NoisyRepeatsGiveAnErrorThatCoversTheTruth()
    {
        var random = new Random(3);
        var runs = (from c in Measured
                    from r in Enumerable.Range(0, 20)
                    select new Observation(c.P, CapacityAmdahlFit.Time(10, 0.3, c.Capacity) * (1 + (0.03 * ((2 * random.NextDouble()) - 1))))).ToList();

        var fit = CapacityAmdahlFit.Fit(runs, Measured)!;

        Assert.InRange(fit.SerialFraction.StandardError, 1e-4, 0.1);
        Assert.InRange(Math.Abs(fit.SerialFraction.Value - 0.3), 0, 4 * fit.SerialFraction.StandardError);
    }

    [Fact]
    public void RunsWithoutAMeasuredCapacityAreLeftOutAndOneCapacityIsNotEnough()
    {
        var runs = new[] { new Observation(1, 10), new Observation(2, 6), new Observation(4, 4) };

        Assert.Equal(2, CapacityAmdahlFit.Fit(runs, Measured.Take(2).ToArray())!.Observations);
        Assert.Null(CapacityAmdahlFit.Fit(runs, Measured.Take(1).ToArray()));
        Assert.Null(CapacityAmdahlFit.Fit(runs, []));
    }
}
