using ScottPlot;
using SerialCluster.Cli.Contrast;

namespace SerialCluster.Cli.Reports;

/// <summary>
/// A pair of <c>contrast</c>: each side's absolute speedup T_serial/T(P) against P, beside the plan's bound (dashed)
/// and the line of the serial run (1×): below it, more cores made the side slower than one core.
/// </summary>
internal static class ContrastSpeedupChart
{
    public static byte[] Render(ContrastPairResult pair, IReadOnlyList<int> parallelisms, int machineCores) =>
        Build(pair, parallelisms, machineCores).GetImageBytes(ChartStyle.WidthWithLegend, ChartStyle.Height, ImageFormat.Png);

    public static Plot Build(ContrastPairResult pair, IReadOnlyList<int> parallelisms, int machineCores)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var xs = parallelisms.Select(p => (double)p).ToArray();
        var one = plot.Add.HorizontalLine(1);
        one.Color = Colors.DarkRed;
        one.LinePattern = LinePattern.Dotted;
        one.LegendText = "the serial run (pinned): below, slower than one core";
        for (var i = 0; i < pair.Sides.Count; i++)
        {
            var side = pair.Sides[i];
            var color = palette.GetColor(i);
            var measured = plot.Add.Scatter(xs, parallelisms.Select(side.SpeedupAt).ToArray());
            measured.Color = color;
            measured.MarkerSize = 9;
            measured.LegendText = $"{side.Label}: T_serial/T(P)";
            var bound = plot.Add.Scatter(xs, parallelisms.Select(p => side.BoundAt(Math.Min(p, machineCores))).ToArray());
            bound.Color = color;
            bound.LinePattern = LinePattern.Dashed;
            bound.MarkerSize = 0;
            bound.LegendText = $"{side.Label}: plan bound";
        }

        plot.Title($"{pair.Pair.Id}: {pair.Pair.Title}");
        plot.XLabel("P (tasks in flight)");
        plot.YLabel("speedup against the side's own serial run");
        ChartStyle.LegendOutside(plot);
        ChartStyle.IntegerTicks(plot.Axes.Bottom, parallelisms);
        var top = pair.Sides.SelectMany(
            s => parallelisms.Select(
                p => Math.Max(
                    s.SpeedupAt(p),
                    Math.Min(s.BoundAt(Math.Min(p, machineCores)), parallelisms.Max())))).Where(double.IsFinite).DefaultIfEmpty(1).Max();
        plot.Axes.SetLimits(0.8, parallelisms.Max() + 0.2, 0, Math.Max(1.2, top * 1.15));
        return plot;
    }
}
