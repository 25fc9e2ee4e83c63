using SerialCluster.Analysis.Scaling;
using SerialCluster.Analysis.Span;
using SerialCluster.Analysis.Timeline;
using SerialCluster.Cli.Contrast;

namespace SerialCluster.Cli.Reports;

/// <summary>
/// The report charts as PNG bytes (ScottPlot on SkiaSharp; renders headless, no display needed). One type per
/// chart kind; <see cref="ChartStyle"/> holds what they share.
/// </summary>
public static class Charts
{
    /// <summary>Measured speedup (median, with min–max bars) against linear, the work–span bounds and the fitted laws.</summary>
    public static byte[] Speedup(ScalingAnalysis analysis, string title) => SpeedupChart.Render(analysis, title);

    /// <summary>Median wall time per P with its spread, beside the work–span lower bound and Brent's upper bound.</summary>
    public static byte[] Times(ScalingAnalysis analysis, string title) => WallTimeChart.Render(analysis, title);

    /// <summary>Span against input size on log–log axes, one series per workload, each from its own first point.</summary>
    public static byte[] SpanAgainstSize(IReadOnlyList<(string Label, SpanScaling Scaling)> series, string title, string sizeName, string unit) =>
        SpanScalingChart.Render(series, title, sizeName, unit);

    /// <summary>A pair of <c>contrast</c>: each side's absolute speedup against P, beside the plan's bound.</summary>
    public static byte[] ContrastSpeedups(ContrastPairResult pair, IReadOnlyList<int> parallelisms, int machineCores) =>
        ContrastSpeedupChart.Render(pair, parallelisms, machineCores);

    /// <summary>Which silo ran what, when: one lane per silo, one box per task, coloured by stage.</summary>
    public static byte[] Timeline(JobTimeline timeline, string title) => TimelineChart.Render(timeline, title);

    /// <summary>Tasks computing at once over the job's wall time, against the parallelism cap P.</summary>
    public static byte[] Parallelism(JobTimeline timeline, int cap, string title) => ParallelismChart.Render(timeline, cap, title);
}
