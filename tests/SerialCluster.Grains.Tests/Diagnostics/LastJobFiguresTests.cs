using SerialCluster.Abstractions.Jobs;
using SerialCluster.Grains.Diagnostics;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Grains.Tests.Diagnostics;

/// <summary>The figures a completed job puts in its workload's last-job gauges.</summary>
public sealed class LastJobFiguresTests
{
    // A chain of 25 units, then 75 units over 8 tasks: Amdahl with f = 0.25.
    private static readonly StageSpec[] Stages = [StageSpec.Chain("fold", 25), StageSpec.Parallel("map", 8, 75, 10)];

    [Fact]
    public void AScatteredJobWithoutPredictionsReportsWorkOverWallAndKarpFlattAtTheCapItUsed()
    {
        // 4 s of compute in 2.5 s of wall at P = 2: speedup 1.6, e = (1/1.6 − 1/2) / (1 − 1/2) = 0.25.
        var figures = LastJobFigures.Measure(Profile(wall: 2.5, work: 4, span: 1, tasks: 9, cap: 2, chosen: "scatter"), Stages);
        Assert.Equal(2, figures.Processors);
        Assert.Equal(1.6, figures.Speedup, 12);
        Assert.Equal(4.0, figures.Parallelism, 12);
        Assert.Equal(0.25, figures.SerialFraction, 12);
        // W / Σ max(W_s/P, S_s) = 100 / (25 + 37.5) = 1.6, Amdahl's 1 / (0.25 + 0.75/2).
        Assert.Equal(1.6, figures.Bound, 12);
    }

    [Fact]
    public void AScatteredJobIsMeasuredAgainstItsPinnedRunsNotItsOwnWork()
    {
        // Rule 110 as issue 17 measured it: pinned 2.03 s (median of 4 runs), scattered at P = 2 3.31 s with 4.2 s of
        // task work: work / wall says 1.27×, against the serial run it is 0.61× — slower than one core.
        var predictions = new List<JobPrediction>
        {
            new("pinned", 2.2, [], CorrectedSeconds: 2.1, MeasuredRuns: 4, MeasuredSeconds: 2.03),
            new("scatter", 3.0, [], Ran: true),
        };
        var figures = LastJobFigures.Measure(
            Profile(wall: 3.31, work: 4.2, span: 1, tasks: 9, cap: 2, chosen: "scatter") with { Predictions = predictions },
            Stages);
        Assert.Equal(2.03 / 3.31, figures.Speedup, 12);
        Assert.True(figures.SerialFraction > 1, "Karp–Flatt against the serial run exceeds 1 for a job slower than one core");

        // Never run pinned: the cost model's corrected pinned prediction stands in.
        predictions[0] = new("pinned", 2.2, [], CorrectedSeconds: 2.1);
        Assert.Equal(
            2.1 / 3.31,
            LastJobFigures.Measure(
                Profile(wall: 3.31, work: 4.2, span: 1, tasks: 9, cap: 2, chosen: "scatter") with { Predictions = predictions },
                Stages).Speedup,
            12);
    }

    [Fact]
    public void APinnedJobIsItsOwnSerialBaselineAndItsSerialFractionIsUndefined()
    {
        var figures = LastJobFigures.Measure(Profile(wall: 1, work: 0.9, span: 0.9, tasks: 9, cap: 16, chosen: "pinned"), Stages);
        Assert.Equal(1, figures.Processors);
        Assert.Equal(1.0, figures.Speedup, 12);
        Assert.True(double.IsNaN(figures.SerialFraction));
        Assert.Equal(1.0, figures.Bound, 12);
    }

    [Fact]
    public void TheProcessorsUsedAreNeverMoreThanTheTasks()
    {
        Assert.Equal(3, LastJobFigures.ProcessorsUsed(Profile(wall: 1, work: 1, span: 1, tasks: 3, cap: 64, chosen: "scatter-batched")));
        Assert.Equal(1, LastJobFigures.ProcessorsUsed(Profile(wall: 1, work: 1, span: 1, tasks: 3, cap: 0, chosen: null)));
    }

    private static JobProfile Profile(double wall, double work, double span, int tasks, int cap, string? chosen) =>
        new(wall, work, span, work / span, wall - span, tasks, 2, [], null, 100, 35, "units", [], cap, null, chosen);
}
