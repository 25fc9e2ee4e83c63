using ScottPlot;
using SerialCluster.Analysis.Timeline;

namespace SerialCluster.Cli.Reports;

/// <summary>
/// Which silo ran what, when: one lane per silo, one box per task (or per silo's aggregate of many tasks), coloured by
/// stage and named in the legend beside the chart. Each box is pale over the task's whole span and solid over the part
/// spent computing (its kernel time, up to the span, drawn at the span's end), so dispatch and waiting show as the pale rest.
/// </summary>
internal static class TimelineChart
{
    public static byte[] Render(JobTimeline timeline, string title)
    {
        var plot = Build(timeline, title, out var lanes);
        return plot.GetImageBytes(ChartStyle.WidthWithLegend, Math.Max(260, 120 + (60 * lanes)), ImageFormat.Png);
    }

    public static Plot Build(JobTimeline timeline, string title, out int lanes)
    {
        var plot = new Plot();
        var silos = timeline.Stages.SelectMany(s => s.Spans).Select(s => s.Silo).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var lane = silos.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i, StringComparer.Ordinal);
        var palette = new ScottPlot.Palettes.Category10();
        foreach (var stage in timeline.Stages)
        {
            var color = palette.GetColor(stage.Index);
            var label = $"stage {stage.Index} {stage.Name} ({stage.Kind})";
            if (stage.Spans.Count == 0)
            {
                var box = plot.Add.Rectangle(stage.Start, stage.Start + stage.WallSeconds, -0.9, -0.1);
                box.FillStyle.Color = color.WithAlpha(0.5);
                box.LineStyle.Width = 0;
                box.LegendText = label + ", no task spans";
                continue;
            }

            var first = true;
            foreach (var span in stage.Spans.OrderBy(s => s.Start))
            {
                var y = lane[span.Silo];
                var end = Math.Max(span.End, span.Start + 1e-6);
                var whole = plot.Add.Rectangle(span.Start, end, y + 0.1, y + 0.9);
                whole.FillStyle.Color = color.WithAlpha(0.25);
                whole.LineStyle.Color = color;
                whole.LineStyle.Width = 0.5f;
                var computing = Math.Clamp(span.KernelSeconds, 0, end - span.Start);
                if (computing > 0)
                {
                    var compute = plot.Add.Rectangle(end - computing, end, y + 0.1, y + 0.9);
                    compute.FillStyle.Color = color.WithAlpha(span.Tasks > 1 ? 0.6 : 0.9);
                    compute.LineStyle.Width = 0;
                    if (first)
                    {
                        compute.LegendText = label;
                        first = false;
                    }
                }
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
        plot.XLabel("seconds since the job started (solid: computing; pale: the rest of each task's span)");
        ChartStyle.LegendOutside(plot);
        plot.Axes.SetLimits(0, timeline.WallSeconds * 1.02, timeline.Stages.Any(s => s.Spans.Count == 0) ? -1 : 0, Math.Max(1, silos.Count));
        lanes = silos.Count;
        return plot;
    }
}
