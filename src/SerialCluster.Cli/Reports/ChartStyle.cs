using ScottPlot;

namespace SerialCluster.Cli.Reports;

/// <summary>What the report charts share: the default image size and the plain legend-labelled curve.</summary>
internal static class ChartStyle
{
    public const int Width = 900;
    public const int Height = 520;

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
}
