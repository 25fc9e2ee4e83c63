using System.Globalization;
using System.Text.RegularExpressions;
using ScottPlot;
using SerialCluster.Analysis.Scaling;
using SerialCluster.Analysis.Timeline;
using SerialCluster.Cli.Reports;

namespace SerialCluster.Cli.Tests.Reports;

/// <summary>
/// The HTML charts' layout, read from their SVG rendering: every legend label lies outside the data area (so it hides no
/// measured point), P axes tick only whole numbers, and the timeline names each stage and shows its compute part.
/// </summary>
public sealed partial class ChartLayoutTests
{
    private const int Width = 1320;
    private const int Height = 520;

    [Fact]
    public void TheSpeedupChartsLegendLiesOutsideTheDataAndItsTicksAreTheSweptP()
    {
        var analysis = Sweep();
        var plot = SpeedupChart.Build(analysis, "montecarlo: speedup against P");
        AssertLegendOutsideData(plot, "measured (median, min–max)");
        Assert.Equal([1.0, 2.0, 4.0], MajorTicks(plot.Axes.Bottom));
    }

    [Fact]
    public void TheWallTimeChartsLegendLiesOutsideTheDataAndItsTicksAreTheSweptP()
    {
        var plot = WallTimeChart.Build(Sweep(), "montecarlo: wall time against P");
        AssertLegendOutsideData(plot, "measured median");
        Assert.Equal([1.0, 2.0, 4.0], MajorTicks(plot.Axes.Bottom));
    }

    [Fact]
    public void TheParallelismProfilesLegendLiesOutsideItsPlateauAndItsTicksAreWholeTasks()
    {
        var plot = ParallelismChart.Build(Timeline(), 2, "parallelism");
        AssertLegendOutsideData(plot, "tasks computing");
        Assert.All(MajorTicks(plot.Axes.Left), t => Assert.Equal(Math.Round(t), t));
    }

    [Fact]
    public void TheTimelineNamesEachStageAndDrawsItsComputePart()
    {
        var plot = TimelineChart.Build(Timeline(), "timeline", out var lanes);
        Assert.Equal(2, lanes);
        AssertLegendOutsideData(plot, "stage 0 sample (parallel)");
        AssertLegendOutsideData(plot, "stage 1 combine (chain)");
        var boxes = plot.GetPlottables<ScottPlot.Plottables.Rectangle>().ToList();
        // One pale box per task span and one solid box over its computing part, in each stage's own colour.
        Assert.Equal(6, boxes.Count);
        Assert.Equal(2, boxes.Where(b => b.LegendText.Length > 0).Select(b => b.FillStyle.Color.WithAlpha(1)).Distinct().Count());
        Assert.Contains(boxes, b => b.FillStyle.Color.A < 128);
        Assert.Contains(boxes, b => b.FillStyle.Color.A > 128);
    }

    private static void AssertLegendOutsideData(Plot plot, string label)
    {
        var svg = plot.GetSvgXml(Width, Height);
        var data = plot.RenderManager.LastRender.DataRect;
        var texts = SvgText().Matches(svg).Where(m => System.Net.WebUtility.HtmlDecode(m.Groups[3].Value) == label).ToList();
        Assert.True(texts.Count > 0, $"no legend text '{label}' in the chart");
        foreach (var text in texts)
        {
            var x = double.Parse(text.Groups[1].Value, CultureInfo.InvariantCulture);
            var y = double.Parse(text.Groups[2].Value, CultureInfo.InvariantCulture);
            Assert.False(
                x >= data.Left && x <= data.Right && y >= data.Top && y <= data.Bottom,
                $"legend text '{label}' at ({x}, {y}) lies inside the data area {data}");
        }
    }

    private static double[] MajorTicks(IAxis axis) => [.. axis.TickGenerator.Ticks.Where(t => t.IsMajor).Select(t => t.Position).Order()];

    private static ScalingAnalysis Sweep()
    {
        Observation[] runs = [new(1, 1.00, 1), new(1, 1.02, 2), new(2, 0.55, 1), new(2, 0.53, 2), new(4, 0.52, 1), new(4, 0.54, 2)];
        var serial = new SerialBaseline([new(1, 0.98, 1), new(1, 0.99, 2)], "pinned");
        return ScalingAnalysis.Analyze(runs, 2, new WorkSpan(0.95, 0.07, 16, 1, 0.0005), serial: serial);
    }

    private static JobTimeline Timeline() => JobTimeline.Analyze(
        [
            new TimelineStage(0, "sample", "parallel", 0, 0.5, 0.8, 0.42, 2,
                [new TimelineSpan("silo-0", 0.01, 0.45, 0.40, 1), new TimelineSpan("silo-1", 0.02, 0.48, 0.42, 1)]),
            new TimelineStage(1, "combine", "chain", 0.5, 0.2, 0.15, 0.15, 1, [new TimelineSpan("silo-0", 0.5, 0.7, 0.15, 1)]),
        ],
        0.7,
        2);

    [GeneratedRegex(@"<text transform=""translate\(([-0-9.]+) ([-0-9.]+)\)""[^>]*>\s*([^<]*?)\s*</text>")]
    private static partial Regex SvgText();
}
