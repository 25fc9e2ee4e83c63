using ScottPlot;
using SerialCluster.Analysis.Timeline;

namespace SerialCluster.Cli.Reports;

/// <summary>Tasks computing at once over the job's wall time, against the parallelism cap P.</summary>
internal static class ParallelismChart
{
    public static byte[] Render(JobTimeline timeline, int cap, string title) =>
        Build(timeline, cap, title).GetImageBytes(ChartStyle.WidthWithLegend, 360, ImageFormat.Png);

    public static Plot Build(JobTimeline timeline, int cap, string title)
    {
        var plot = new Plot();
        var xs = timeline.Profile.Select(s => s.Start).Append(timeline.Profile.Count == 0 ? 0 : timeline.Profile[^1].End).ToArray();
        var ys = timeline.Profile.Select(s => s.Running).Append(timeline.Profile.Count == 0 ? 0 : timeline.Profile[^1].Running).ToArray();
        var line = plot.Add.Scatter(xs, ys);
        line.ConnectStyle = ConnectStyle.StepHorizontal;
        line.MarkerSize = 0;
        line.LegendText = "tasks computing";
        var p = plot.Add.HorizontalLine(cap);
        p.LinePattern = LinePattern.Dashed;
        p.Color = Colors.Orange;
        p.LegendText = $"P = {cap}";
        var average = plot.Add.HorizontalLine(timeline.AverageParallelism);
        average.LinePattern = LinePattern.Dotted;
        average.Color = Colors.Gray;
        average.LegendText = $"average = work/wall = {timeline.AverageParallelism:F2}";
        plot.Title(title);
        plot.XLabel("seconds since the job started");
        plot.YLabel("tasks computing");
        ChartStyle.LegendOutside(plot);
        // Tasks computing is a count: integer ticks from 0 to the top.
        ChartStyle.IntegerTicks(plot.Axes.Left, Enumerable.Range(0, (int)Math.Ceiling(Math.Max(cap, timeline.PeakParallelism)) + 1));
        plot.Axes.SetLimitsY(0, Math.Max(cap, timeline.PeakParallelism) * 1.25);
        return plot;
    }
}
