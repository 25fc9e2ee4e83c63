using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace SerialCluster.Cli.Reports;

/// <summary>What the report charts share: image sizes, the legend beside the data, integer P ticks, the plain labelled curve.</summary>
internal static class ChartStyle
{
    public const int Width = 900;
    public const int Height = 520;

    /// <summary>Room for a legend beside the data area.</summary>
    public const int LegendWidth = 420;

    /// <summary>A chart with its legend beside the data area.</summary>
    public const int WidthWithLegend = Width + LegendWidth;

    /// <summary>A line without markers, labelled in the legend.</summary>
    public static void Curve(Plot plot, double[] xs, double[] ys, string label, Color color, LinePattern pattern)
    {
        var curve = plot.Add.Scatter(xs, ys);
        curve.LegendText = label;
        curve.Color = color;
        curve.MarkerSize = 0;
        curve.LinePattern = pattern;
        curve.LineWidth = 1.5f;
    }

    /// <summary>
    /// The legend beside the data area, never over it: a legend inside the axes hides the very points a chart exists to
    /// show (a measured speedup, a plateau), whichever corner it is put in.
    /// </summary>
    public static void LegendOutside(Plot plot) => plot.ShowLegend(Edge.Right);

    /// <summary>The P axis ticks exactly the swept parallelisms: P is a count, a tick at 1.5 tasks means nothing.</summary>
    public static void IntegerTicks(IAxis axis, IEnumerable<int> values)
    {
        var ticks = new NumericManual();
        foreach (var value in values.Distinct().Order())
        {
            ticks.AddMajor(value, value.ToString(CultureInfo.InvariantCulture));
        }

        axis.TickGenerator = ticks;
    }
}
