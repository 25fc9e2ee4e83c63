using SerialCluster.Kernels.Analysis.CostModel;

namespace SerialCluster.Kernels.Tests.Analysis.CostModel;

/// <summary><see cref="UnitCostPoints"/>: a cost line bending to its recent measured points near the sizes they measured.</summary>
public sealed class UnitCostPointsTests
{
    [Fact]
    public void PointsAreKeptAsTheirLogRatioToTheLineClipped()
    {
        // Line: 1e-6 s per step + 1e-9 s per unit. At 1,000 units per step it says 2e-6 s.
        var points = UnitCostPoints.Relative([(1000, 3e-6), (1000, 1e-6), (1000, 1.0)], 1e-6, 1e-9)!;
        Assert.Equal([1000.0, 1000.0, 1000.0], points.UnitsPerStep);
        Assert.Equal(Math.Log(1.5), points.LogRatios[0], 12);
        Assert.Equal(Math.Log(0.5), points.LogRatios[1], 12);
        Assert.Equal(Math.Log(UnitCostPoints.ClipRatio), points.LogRatios[2], 12); // 5·10⁵ times off counts as 3×
        Assert.Null(UnitCostPoints.Relative([], 1e-6, 1e-9));
    }

    [Fact]
    public void AtAMeasuredSizeTheFactorIsThePointsMeanRatioShrunkByTheLinesWeight()
    {
        var four = new UnitCostPoints([4096, 4096, 4096, 4096], [.. Enumerable.Repeat(Math.Log(0.8), 4)]);
        // Four points at 0.8× the line: ln factor = 4 · ln 0.8 / (4 + 0.5).
        Assert.Equal(Math.Exp(4 * Math.Log(0.8) / (4 + UnitCostPoints.PriorWeight)), four.Factor(4096), 12);
        var one = new UnitCostPoints([4096], [Math.Log(0.8)]);
        Assert.Equal(Math.Exp(Math.Log(0.8) / (1 + UnitCostPoints.PriorWeight)), one.Factor(4096), 12);
    }

    [Fact]
    public void FarFromEveryPointTheLineStands()
    {
        var points = new UnitCostPoints([4096, 4096, 4096], [Math.Log(0.8), Math.Log(0.8), Math.Log(0.8)]);
        Assert.InRange(points.Factor(4 * 4096), 0.998, 1); // 4× the size: the kernel gives it next to nothing
        Assert.InRange(points.Factor(4096 / 4.0), 0.998, 1);
        var twice = points.Factor(2 * 4096);            // 2×: a little
        Assert.InRange(twice, 0.8, 1);
        Assert.True(twice > points.Factor(1.4 * 4096));  // nearer counts more
        Assert.Equal(1, points.Factor(0));
    }

    [Fact]
    public void TheLineCarriesItsPointsThroughScalingAndPredictsWithThem()
    {
        var line = new UnitCostLine(1e-6, 1e-9) { Local = new UnitCostPoints([1000, 1000], [Math.Log(2), Math.Log(2)]) };
        var factor = Math.Exp(2 * Math.Log(2) / (2 + UnitCostPoints.PriorWeight));
        Assert.Equal(10 * 2e-6 * factor, line.Seconds(10_000, 10), 15);
        Assert.Equal(2 * 10 * 2e-6 * factor, line.Scale(2).Seconds(10_000, 10), 15);
        Assert.Equal(10 * 2e-6, (line with { Local = null }).Seconds(10_000, 10), 15);
        Assert.Equal(10 * (1e-6 + (1e-9 * 1e6)), line.Seconds(1e7, 10), 15); // 1,000× the measured size: the line alone
    }
}
