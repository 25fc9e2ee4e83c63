using SerialCluster.CostModel.Costs;

namespace SerialCluster.CostModel.Tests.Costs;

/// <summary><see cref="UnitCostPoints"/>: a cost line bending to its recent measured points near the task shapes they measured.</summary>
public sealed class UnitCostPointsTests
{
    private static UnitCostPoints At(double unitsPerStep, double stepsPerTask, params double[] ratios) =>
        new([.. Enumerable.Repeat(unitsPerStep, ratios.Length)], [.. Enumerable.Repeat(stepsPerTask, ratios.Length)], [.. ratios.Select(r => Math.Log(r))]);

    [Fact]
    public void PointsAreKeptAsTheirLogRatioToTheLineClipped()
    {
        // Line: 1e-6 s per step + 1e-9 s per unit. At 1,000 units per step it says 2e-6 s.
        var points = UnitCostPoints.Relative([(1000, 50, 3e-6), (1000, 50, 1e-6), (1000, 50, 1.0)], 1e-6, 1e-9)!;
        Assert.Equal([1000.0, 1000.0, 1000.0], points.UnitsPerStep);
        Assert.Equal([50.0, 50.0, 50.0], points.StepsPerTask);
        Assert.Equal(Math.Log(1.5), points.LogRatios[0], 12);
        Assert.Equal(Math.Log(0.5), points.LogRatios[1], 12);
        Assert.Equal(Math.Log(UnitCostPoints.ClipRatio), points.LogRatios[2], 12); // 5·10⁵ times off counts as 3×
        Assert.Null(UnitCostPoints.Relative([], 1e-6, 1e-9));
    }

    [Fact]
    public void AtAMeasuredShapeTheFactorIsThePointsMeanRatioShrunkByTheLinesWeight()
    {
        // Four points at 0.8× the line: ln factor = 4 · ln 0.8 / (4 + 0.5).
        Assert.Equal(Math.Exp(4 * Math.Log(0.8) / (4 + UnitCostPoints.PriorWeight)), At(4096, 100, 0.8, 0.8, 0.8, 0.8).Factor(4096, 100), 12);
        Assert.Equal(Math.Exp(Math.Log(0.8) / (1 + UnitCostPoints.PriorWeight)), At(4096, 100, 0.8).Factor(4096, 100), 12);
    }

    [Fact]
    public void FarFromEveryPointInSizeTheLineStands()
    {
        var points = At(4096, 100, 0.8, 0.8, 0.8);
        Assert.InRange(points.Factor(4 * 4096, 100), 0.998, 1); // 4× the size: the kernel gives it next to nothing
        Assert.InRange(points.Factor(4096 / 4.0, 100), 0.998, 1);
        var twice = points.Factor(2 * 4096, 100);               // 2×: a little
        Assert.InRange(twice, 0.8, 0.99);
        Assert.True(twice > points.Factor(1.4 * 4096, 100));     // nearer counts more
        Assert.Equal(1, points.Factor(0, 100));
    }

    [Fact]
    public void TasksOfTheSameSizeButFarMoreStepsReadNotTheShortTasksPoints()
    {
        // Tasks of 64 steps measured 2× the line (their own cost spread over few steps); a task of 10,000 steps of the
        // same size is predicted by the line, not by them. Tasks of 128 steps still read them.
        var shortTasks = At(2048, 64, 2, 2, 2, 2);
        Assert.InRange(shortTasks.Factor(2048, 10_000), 1, 1.001);
        Assert.InRange(shortTasks.Factor(2048, 128), 1.3, 2);
        Assert.True(shortTasks.Factor(2048, 64) > shortTasks.Factor(2048, 128));
    }

    [Fact]
    public void TheLineCarriesItsPointsThroughScalingAndPredictsWithThem()
    {
        var line = new UnitCostLine(1e-6, 1e-9) { Local = At(1000, 10, 2, 2) };
        var factor = Math.Exp(2 * Math.Log(2) / (2 + UnitCostPoints.PriorWeight));
        Assert.Equal(10 * 2e-6 * factor, line.Seconds(10_000, 10), 15);
        Assert.Equal(2 * 10 * 2e-6 * factor, line.Scale(2).Seconds(10_000, 10), 15);
        Assert.Equal(10 * 2e-6, (line with { Local = null }).Seconds(10_000, 10), 15);
        Assert.Equal(10 * (1e-6 + (1e-9 * 1e6)), line.Seconds(1e7, 10), 15); // 1,000× the measured size: the line alone
        // Ten tasks of 10 steps each, asked as 100 steps in all: the points of 10-step tasks count.
        Assert.Equal(100 * 2e-6 * factor, line.Seconds(100_000, 100, stepsPerTask: 10), 14);
    }
}
