using ScottPlot;
using SerialCluster.Analysis.Scaling;

namespace SerialCluster.Cli.Reports;

/// <summary>Median wall time per P with its spread, beside the work–span lower bound and Brent's upper bound.</summary>
internal static class WallTimeChart
{
    public static byte[] Render(ScalingAnalysis analysis, string title) =>
        Build(analysis, title).GetImageBytes(ChartStyle.WidthWithLegend, ChartStyle.Height, ImageFormat.Png);

    public static Plot Build(ScalingAnalysis analysis, string title)
    {
        var plot = new Plot();
        var ps = analysis.Points.Select(p => (double)p.P).ToArray();
        foreach (var point in analysis.Points)
        {
            var bar = plot.Add.Line(point.P, point.MinSeconds, point.P, point.MaxSeconds);
            bar.Color = Colors.Red;
            bar.LineWidth = 2;
        }

        var measured = plot.Add.Scatter(ps, analysis.Points.Select(p => p.MedianSeconds).ToArray());
        measured.LegendText = "measured median";
        measured.Color = Colors.Red;
        if (analysis.Serial is { } serial)
        {
            var line = plot.Add.HorizontalLine(analysis.BaselineSeconds);
            line.Color = Colors.DarkRed;
            line.LinePattern = LinePattern.Dotted;
            line.LegendText = $"T_serial = {analysis.BaselineSeconds:F3} s (pinned, median of {serial.Runs.Count})";
        }

        if (analysis.Bounds.Count > 0)
        {
            ChartStyle.Curve(plot, ps, [.. analysis.Bounds.Select(b => b.LowerBoundSeconds)], "max(T1/P, T∞)", Colors.Black, LinePattern.Dashed);
            ChartStyle.Curve(plot, ps, [.. analysis.Bounds.Select(b => b.BrentSeconds)], "T1/P + T∞", Colors.DarkGreen, LinePattern.Dashed);
            ChartStyle.Curve(plot, ps, [.. analysis.Bounds.Select(b => b.BurdenedSeconds)], "burdened", Colors.Olive, LinePattern.DenselyDashed);
        }

        plot.Title(title);
        plot.XLabel("P (tasks in flight)");
        plot.YLabel("wall time (s)");
        ChartStyle.LegendOutside(plot);
        ChartStyle.IntegerTicks(plot.Axes.Bottom, analysis.Points.Select(p => p.P));
        plot.Axes.SetLimitsY(0, Math.Max(analysis.Points.Max(p => p.MaxSeconds), analysis.Serial?.MaxSeconds ?? 0) * 1.1);
        return plot;
    }
}
