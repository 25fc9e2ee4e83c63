using ScottPlot;
using SerialCluster.Analysis.Timeline;

namespace SerialCluster.Cli.Reports;

/// <summary>Which silo ran what, when: one lane per silo, one box per task (pale: a silo's aggregate of many tasks), coloured by stage.</summary>
internal static class TimelineChart
{
    public static byte[] Render(JobTimeline timeline, string title)
    {
        var plot = new Plot();
        var silos = timeline.Stages.SelectMany(s => s.Spans).Select(s => s.Silo).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var lane = silos.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i, StringComparer.Ordinal);
        var palette = new ScottPlot.Palettes.Category10();
        foreach (var stage in timeline.Stages)
        {
            var color = palette.GetColor(stage.Index);
            if (stage.Spans.Count == 0)
            {
                var box = plot.Add.Rectangle(stage.Start, stage.Start + stage.WallSeconds, -0.9, -0.1);
                box.FillStyle.Color = color.WithAlpha(0.5);
                box.LineStyle.Width = 0;
                continue;
            }

            foreach (var span in stage.Spans.OrderBy(s => s.Start))
            {
                var y = lane[span.Silo];
                var box = plot.Add.Rectangle(span.Start, Math.Max(span.End, span.Start + 1e-6), y + 0.1, y + 0.9);
                box.FillStyle.Color = color.WithAlpha(span.Tasks > 1 ? 0.35 : 0.8);
                box.LineStyle.Color = color;
                box.LineStyle.Width = 0.5f;
            }
        }

        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (var i = 0; i < silos.Count; i++)
        {
            ticks.AddMajor(i + 0.5, silos[i]);
        }

        if (timeline.Stages.Any(s => s.Spans.Count == 0))
        {
            ticks.AddMajor(-0.5, "(stage, no task spans)");
        }

        plot.Axes.Left.TickGenerator = ticks;
        plot.Title(title);
        plot.XLabel("seconds since the job started");
        plot.Axes.SetLimits(0, timeline.WallSeconds * 1.02, timeline.Stages.Any(s => s.Spans.Count == 0) ? -1 : 0, Math.Max(1, silos.Count));
        return plot.GetImageBytes(ChartStyle.Width, Math.Max(260, 120 + (60 * silos.Count)), ImageFormat.Png);
    }
}
