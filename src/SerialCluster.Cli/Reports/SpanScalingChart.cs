using ScottPlot;
using SerialCluster.Analysis.Span;

namespace SerialCluster.Cli.Reports;

/// <summary>
/// Span against input size on log–log axes, one series per workload, each drawn from its own first point —
/// log10(size / first size) against log10(span / first span) — so series of different units and sizes share the
/// origin and their slopes compare directly: a chain rises along the diagonal (slope 1), log depth stays flat.
/// Solid markers: the plan's span in units; open markers: the measured critical path in seconds.
/// </summary>
internal static class SpanScalingChart
{
    public static byte[] Render(IReadOnlyList<(string Label, SpanScaling Scaling)> series, string title, string sizeName, string unit) =>
        Build(series, title, sizeName, unit).GetImageBytes(ChartStyle.WidthWithLegend, ChartStyle.Height, ImageFormat.Png);

    public static Plot Build(IReadOnlyList<(string Label, SpanScaling Scaling)> series, string title, string sizeName, string unit)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var reach = 1.0;
        for (var i = 0; i < series.Count; i++)
        {
            var (label, scaling) = series[i];
            var points = scaling.Points.Where(p => p.Size > 0 && p.SpanUnits > 0).OrderBy(p => p.Size).ToArray();
            if (points.Length == 0)
            {
                continue;
            }

            var color = palette.GetColor(i);
            var xs = points.Select(p => Math.Log10(p.Size / points[0].Size)).ToArray();
            reach = Math.Max(reach, xs[^1]);
            var units = plot.Add.Scatter(xs, points.Select(p => Math.Log10((double)p.SpanUnits / points[0].SpanUnits)).ToArray());
            units.Color = color;
            units.MarkerSize = 8;
            units.LegendText = $"{label}: span in {unit}, slope {scaling.UnitsSlope?.Slope:F2}";
            if (points.All(p => p.SpanSeconds > 0))
            {
                var seconds = plot.Add.Scatter(xs, points.Select(p => Math.Log10(p.SpanSeconds / points[0].SpanSeconds)).ToArray());
                seconds.Color = color;
                seconds.MarkerShape = MarkerShape.OpenCircle;
                seconds.MarkerSize = 10;
                seconds.LinePattern = LinePattern.Dotted;
                seconds.LegendText = $"{label}: measured span seconds, slope {scaling.SecondsSlope?.Slope:F2}";
            }
        }

        ChartStyle.Curve(plot, [0, reach], [0, reach], "slope 1: a chain", Colors.Gray, LinePattern.Dashed);
        ChartStyle.Curve(plot, [0, reach], [0, 0], "slope 0: logarithmic depth", Colors.Silver, LinePattern.Dashed);
        plot.Title(title);
        plot.XLabel($"log10 ({sizeName} / its first value)");
        plot.YLabel("log10 (span / its first value)");
        ChartStyle.LegendOutside(plot);
        plot.Axes.SetLimits(-0.1, reach + 0.1, -1, Math.Max(reach * 1.9, 2));
        return plot;
    }
}
