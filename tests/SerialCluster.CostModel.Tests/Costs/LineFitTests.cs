using SerialCluster.CostModel.Costs;

namespace SerialCluster.CostModel.Tests.Costs;

public sealed class LineFitTests
{
    [Fact]
    public void PointsOnALineGiveThatLine()
    {
        var fit = new LineFit();
        foreach (var x in new[] { 256.0, 4096, 65536, 1048576 })
        {
            fit.Add(x, 2e-8 + (7e-12 * x));
        }

        var (intercept, slope) = fit.Fit()!.Value;
        Assert.Equal(2e-8, intercept, 1e-14);
        Assert.Equal(7e-12, slope, 1e-18);
    }

    [Fact]
    public void OneOutlierThousandsOfTimesTooSlowBarelyMovesTheFit()
    {
        // The first run of a kernel in a process can be JIT-slow by orders of magnitude; relative weights keep it from dominating.
        var fit = new LineFit();
        fit.Add(1000, 1000 * 1e-9 * 1000);
        for (var i = 0; i < 3; i++)
        {
            fit.Add(1000, 1000 * 1e-9);
        }

        var (_, slope) = fit.Fit()!.Value;
        Assert.InRange(slope, 1e-9, 1.01e-9);
    }

    [Fact]
    public void SymmetricRelativeNoiseDoesNotBiasTheFitLow()
    {
        // ±40% around 1 µs per step: weighting by the observed 1/y² alone would settle near 0.72 µs.
        var fit = new LineFit();
        foreach (var y in new[] { 0.6e-6, 1.4e-6, 0.6e-6, 1.4e-6 })
        {
            fit.Add(1000, y);
        }

        Assert.InRange(fit.Fit()!.Value.Slope * 1000, 0.95e-6, 1.06e-6);
    }

    [Fact]
    public void ANegativeInterceptBecomesALineThroughTheOrigin()
    {
        var fit = new LineFit();
        fit.Add(100, 0.5);
        fit.Add(200, 1.5);
        var (intercept, slope) = fit.Fit()!.Value;
        Assert.Equal(0, intercept);
        Assert.True(slope > 0);
    }

    [Fact]
    public void ACostPerUnitNeverFallsFlatWhenNoiseTiltsTheLine()
    {
        // Two noisy points where the narrower one happened to cost more per step: a flat line would call 100× the work free.
        var flat = new LineFit();
        var grows = new LineFit(growsWithX: true);
        foreach (var fit in new[] { flat, grows })
        {
            fit.Add(9000, 1.2e-7);
            fit.Add(10000, 1.0e-7);
        }

        Assert.Equal(0, flat.Fit()!.Value.Slope);
        var (intercept, slope) = grows.Fit()!.Value;
        Assert.Equal(0, intercept);
        Assert.InRange(slope * 1_000_000, 0.5e-5, 2e-5);
    }

    [Fact]
    public void OneDistinctXScalesThePriorsShapeThroughThePoint()
    {
        var fit = new LineFit();
        fit.Add(4, 0.006);
        var (intercept, slope) = fit.Fit((0.001, 0.0005))!.Value;
        // prior: 0.001 + 4·0.0005 = 0.003, so everything doubles.
        Assert.Equal(0.002, intercept, 12);
        Assert.Equal(0.001, slope, 12);
        var origin = fit.Fit()!.Value;
        Assert.Equal((0.0, 0.0015), (origin.Intercept, Math.Round(origin.Slope, 12)));
    }

    [Fact]
    public void OnlyTheNewestPointsAreKept()
    {
        var fit = new LineFit(capacity: 2);
        fit.Add(1, 100);
        fit.Add(1, 1);
        fit.Add(1, 1);
        Assert.Equal(2, fit.Count);
        Assert.Equal(1, fit.Fit()!.Value.Slope, 12);
    }
}
