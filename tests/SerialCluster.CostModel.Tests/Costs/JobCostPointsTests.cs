using SerialCluster.CostModel.Costs;
using SerialCluster.CostModel.History;

namespace SerialCluster.CostModel.Tests.Costs;

/// <summary><see cref="JobCostPoints"/>: a mode's fixed cost per job bending to recent jobs of about the same compute.</summary>
public sealed class JobCostPointsTests
{
    [Fact]
    public void PointsAreKeptAsTheirLogRatioToTheLineClippedAndFloored()
    {
        // Line: 5 ms + 0.1 s per compute second. At 10 ms of compute it says 6 ms.
        var points = JobCostPoints.Relative([(0.010, 0.003), (0, 0.005), (1.0, 10)], 0.005, 0.1)!;
        Assert.Equal([0.010, JobCostPoints.MinimumCompute, 1.0], points.ComputeSeconds);
        Assert.Equal(Math.Log(0.5), points.LogRatios[0], 12);
        Assert.Equal(0, points.LogRatios[1], 12);
        Assert.Equal(Math.Log(UnitCostPoints.ClipRatio), points.LogRatios[2], 12);
        Assert.Null(JobCostPoints.Relative([], 0.005, 0.1));
    }

    [Fact]
    public void SmallJobsReadSmallJobsAndLargeOnesTheLine()
    {
        // Jobs of 6 ms compute cost half the line's fixed cost; jobs of 1 s exactly the line.
        var points = new JobCostPoints([0.006, 0.006, 0.006, 1, 1, 1], [Math.Log(0.5), Math.Log(0.5), Math.Log(0.5), 0, 0, 0]);
        Assert.Equal(Math.Exp(3 * Math.Log(0.5) / (3 + UnitCostPoints.PriorWeight)), points.Factor(0.006), 6);
        Assert.InRange(points.Factor(1), 0.999, 1.0);
        Assert.InRange(points.Factor(0.1), 0.999, 1.0);   // 16× the small jobs: far from them
        var near = points.Factor(0.012);                 // 2×: between
        Assert.InRange(near, points.Factor(0.006), 0.95);

        var dispatch = DispatchCosts.Default with { ScatterJobSeconds = 0.008, ScatterJobPoints = points };
        Assert.Equal(0.008 * points.Factor(0.006), dispatch.ScatterJob(0.006), 12);
        Assert.Equal(0.008, (dispatch with { ScatterJobPoints = null }).ScatterJob(0.006), 12);
        Assert.Equal(DispatchCosts.Default.PinnedJob(0.006), dispatch.PinnedJob(0.006), 12); // the other mode's points only
    }

    [Fact]
    public void TheHistoryBendsEachModesFixedCostToItsOwnJobs()
    {
        // Scatter jobs of 5 ms compute cost 3 ms beyond it, of 50 ms 12 ms, of 1 s 15 ms: no line in the compute meets
        // all three; bent to the points, the fixed cost meets each within 10%.
        var sizes = new[] { (Compute: 0.005, Seconds: 0.003), (Compute: 0.05, Seconds: 0.012), (Compute: 1.0, Seconds: 0.015) };
        var history = new CostHistory();
        for (var round = 0; round < 8; round++)
        {
            foreach (var (compute, seconds) in sizes)
            {
                history.Observe(new CostSample(false, null, null, null, seconds, null, null, ScatterJobCompute: compute));
            }
        }

        var estimate = history.Estimate();
        Assert.NotNull(estimate.ScatterJobPoints);
        Assert.Null(estimate.PinnedJobPoints);
        var bent = estimate.Dispatch(DispatchCosts.Default);
        var line = bent with { ScatterJobPoints = null };
        Assert.All(sizes, size => Assert.InRange(bent.ScatterJob(size.Compute) / size.Seconds, 0.9, 1.1));
        Assert.Contains(sizes, size => Math.Abs((line.ScatterJob(size.Compute) / size.Seconds) - 1) > 0.2);
    }
}
