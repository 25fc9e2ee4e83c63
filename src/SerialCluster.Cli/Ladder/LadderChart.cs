using ScottPlot;
using SerialCluster.Cli.Reports;

namespace SerialCluster.Cli.Ladder;

/// <summary>Steps/s against k on log–log axes, one line per boundary, the floors' bounds dashed beside them.</summary>
public static class LadderChart
{
    public static byte[] Render(LadderResult result) =>
        Build(result).GetImageBytes(ChartStyle.WidthWithLegend, ChartStyle.Height, ImageFormat.Png);

    public static Plot Build(LadderResult result)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var xs = result.Ks.Select(k => Math.Log10(k)).ToArray();
        var color = 0;
        foreach (var boundary in result.Boundaries)
        {
            var cells = result.Ks.Select(k => result.Cell(boundary, k)).Where(c => c.Skipped is null).ToList();
            if (cells.Count == 0)
            {
                continue;
            }

            var line = plot.Add.Scatter(cells.Select(c => Math.Log10(c.K)).ToArray(), cells.Select(c => Math.Log10(c.StepsPerSecond)).ToArray());
            line.Color = palette.GetColor(color++);
            line.MarkerSize = 8;
            line.LegendText = LadderResult.Label(boundary);
        }

        var floors = result.Floors;
        ChartStyle.Curve(
            plot, xs, [.. result.Ks.Select(k => Math.Log10(floors.Bound(k, floors.HandOffMicroseconds)))], "bound: task hand-off floor",
            Colors.Gray, LinePattern.Dashed);
        ChartStyle.Curve(
            plot, xs, [.. result.Ks.Select(k => Math.Log10(floors.Bound(k, floors.TcpMicroseconds)))], "bound: loopback TCP floor",
            Colors.Black, LinePattern.Dotted);
        plot.Title("The latency ladder: a serial chain forced across a boundary every k steps");
        plot.XLabel("k, steps per crossing (log10)");
        plot.YLabel("chain steps per second (log10)");
        ChartStyle.LegendOutside(plot);
        return plot;
    }
}
