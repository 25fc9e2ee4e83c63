using SerialCluster.Analysis.Scaling;
using SerialCluster.Analysis.Timeline;
using ScottPlot;

namespace SerialCluster.Cli.Reports;

/// <summary>The report charts as PNG bytes (ScottPlot on SkiaSharp; renders headless, no display needed).</summary>
public static class Charts
{
    public const int Width = 900;
    public const int Height = 520;

    /// <summary>Measured speedup (median, with min–max bars) against linear, the work–span bounds and the fitted laws.</summary>
    public static byte[] Speedup(ScalingAnalysis analysis, string title)
    {
        var plot = new Plot();
        var maxP = analysis.Points.Max(p => p.P);
        var xs = Enumerable.Range(0, 101).Select(i => 1 + ((maxP - 1) * i / 100.0)).ToArray();
        // Every speedup on this chart divides the analysis' baseline: T_serial (the pinned run) when measured.
        var t1 = analysis.BaselineSeconds;
        var label = analysis.IsAbsolute ? "T_serial" : "T(1)";

        Curve(plot, xs, xs, "linear (S = P)", Colors.Gray, LinePattern.Dotted);
        if (analysis.IsAbsolute)
        {
            var serial = plot.Add.HorizontalLine(1);
            serial.Color = Colors.DarkRed;
            serial.LinePattern = LinePattern.Dotted;
            serial.LegendText = "the best serial run (pinned): below this line more cores made it slower";
        }

        if (analysis.AnySaturated)
        {
            Curve(plot, xs, [.. xs.Select(x => Math.Min(x, analysis.Cores))], $"ideal on {analysis.Cores} cores", Colors.Silver, LinePattern.Solid);
        }
        if (analysis.WorkSpan is { } ws)
        {
            // Bounds count processors: beyond the cores, P tasks in flight still get only the cores.
            var procs = xs.Select(x => Math.Min(x, analysis.Cores)).ToArray();
            Curve(
                plot,
                xs,
                [.. procs.Select(x => t1 / Math.Max(ws.WorkSeconds / x, ws.SpanSeconds))],
                $"work–span bound {label}/max(T1/P, T∞)",
                Colors.Black,
                LinePattern.Dashed);
            Curve(
                plot,
                xs,
                [.. procs.Select(x => t1 / ((ws.WorkSeconds / x) + ws.SpanSeconds))],
                $"Brent {label}/(T1/P + T∞)",
                Colors.DarkGreen,
                LinePattern.Dashed);
            Curve(
                plot,
                xs,
                [.. procs.Select(x => t1 / ((ws.WorkSeconds / x) + ws.SpanSeconds + (ws.DispatchSeconds * ((ws.Tasks / x) + ws.Stages))))],
                "burdened (Brent + dispatch)",
                Colors.Olive,
                LinePattern.DenselyDashed);
        }

        if (analysis.Amdahl is { } amdahl)
        {
            Curve(
                plot,
                xs,
                [.. xs.Select(amdahl.Speedup)],
                $"Amdahl fit f = {amdahl.SerialFraction.Value:F3}{(amdahl.Absolute ? " (T1 = T_serial)" : string.Empty)}",
                Colors.Blue,
                LinePattern.Solid);
        }

        if (analysis.Capacity is { Count: > 0 } capacity)
        {
            var measuredCores = plot.Add.Scatter(capacity.Select(c => (double)c.P).ToArray(), capacity.Select(c => c.Capacity).ToArray());
            measuredCores.LegendText = "capacity C(P) of the busy cores (control)";
            measuredCores.Color = Colors.Teal;
            measuredCores.MarkerShape = MarkerShape.OpenSquare;
            measuredCores.MarkerSize = 10;
            measuredCores.LinePattern = LinePattern.Dotted;
        }

        if (analysis.AmdahlOnMeasuredCores is { } onCores)
        {
            var fitted = onCores.Capacity.Keys.Order().ToArray();
            var line = plot.Add.Scatter(fitted.Select(p => (double)p).ToArray(), fitted.Select(onCores.Speedup).ToArray());
            line.LegendText = $"Amdahl on measured cores f = {onCores.SerialFraction.Value:F3}";
            line.Color = Colors.DarkCyan;
            line.MarkerSize = 6;
        }

        if (analysis.AmdahlPaired is { } paired)
        {
            var fitted = paired.Capacity.Keys.Order().ToArray();
            var line = plot.Add.Scatter(fitted.Select(p => (double)p).ToArray(), fitted.Select(paired.Speedup).ToArray());
            line.LegendText = $"Amdahl on measured cores, round by round f = {paired.SerialFraction.Value:F3}";
            line.Color = Colors.SeaGreen;
            line.MarkerSize = 6;
            line.LinePattern = LinePattern.Dashed;
        }

        if (analysis.Usl is { } usl)
        {
            // The USL models the mode's own scaling (C(1) = 1); its times T1/C(N) are drawn against the same baseline.
            Curve(
                plot,
                xs,
                [.. xs.Select(x => t1 / usl.T1Seconds.Value * usl.Speedup(x))],
                $"USL fit σ = {usl.Sigma.Value:F3}, κ = {usl.Kappa.Value:F4}",
                Colors.Purple,
                LinePattern.Solid);
        }

        foreach (var point in analysis.Points)
        {
            var bar = plot.Add.Line(point.P, t1 / point.MaxSeconds, point.P, t1 / point.MinSeconds);
            bar.Color = Colors.Red;
            bar.LineWidth = 2;
        }

        var measured = plot.Add.Scatter(analysis.Points.Select(p => (double)p.P).ToArray(), analysis.Points.Select(p => p.Speedup).ToArray());
        measured.LegendText = "measured (median, min–max)";
        measured.Color = Colors.Red;
        measured.MarkerSize = 9;
        measured.LineWidth = 0;
        if (analysis.IsAbsolute)
        {
            var relative = plot.Add.Scatter(analysis.Points.Select(p => (double)p.P).ToArray(), analysis.Points.Select(p => p.RelativeSpeedup).ToArray());
            relative.LegendText = "relative T(1)/T(P) of the same mode (scalability, not speedup)";
            relative.Color = Colors.Orange;
            relative.MarkerShape = MarkerShape.OpenCircle;
            relative.MarkerSize = 8;
            relative.LineWidth = 0;
        }

        if (analysis.AnySaturated)
        {
            var cores = plot.Add.VerticalLine(analysis.Cores);
            cores.Color = Colors.Orange;
            cores.LinePattern = LinePattern.Dashed;
            cores.LegendText = $"{analysis.Cores} cores: beyond, saturation";
        }

        plot.Title(title);
        plot.XLabel("P (tasks in flight)");
        plot.YLabel($"speedup {label}/T(P)");
        // A dozen curves: the legend goes beside the plot, where it hides none of them.
        plot.ShowLegend(Edge.Right);
        plot.Axes.SetLimits(0.8, maxP + 0.2, 0, Math.Max(maxP, analysis.Points.Max(p => Math.Max(t1 / p.MinSeconds, p.RelativeSpeedup))) * 1.05);
        return plot.GetImageBytes(Width + 420, Height, ImageFormat.Png);
    }

    /// <summary>Median wall time per P with its spread, beside the work–span lower bound and Brent's upper bound.</summary>
    public static byte[] Times(ScalingAnalysis analysis, string title)
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
            Curve(plot, ps, [.. analysis.Bounds.Select(b => b.LowerBoundSeconds)], "max(T1/P, T∞)", Colors.Black, LinePattern.Dashed);
            Curve(plot, ps, [.. analysis.Bounds.Select(b => b.BrentSeconds)], "T1/P + T∞", Colors.DarkGreen, LinePattern.Dashed);
            Curve(plot, ps, [.. analysis.Bounds.Select(b => b.BurdenedSeconds)], "burdened", Colors.Olive, LinePattern.DenselyDashed);
        }

        plot.Title(title);
        plot.XLabel("P (tasks in flight)");
        plot.YLabel("wall time (s)");
        plot.ShowLegend(Alignment.UpperRight);
        plot.Axes.SetLimitsY(0, Math.Max(analysis.Points.Max(p => p.MaxSeconds), analysis.Serial?.MaxSeconds ?? 0) * 1.1);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>
    /// Span against input size on log–log axes, one series per workload, each drawn from its own first point —
    /// log10(size / first size) against log10(span / first span) — so series of different units and sizes share the
    /// origin and their slopes compare directly: a chain rises along the diagonal (slope 1), log depth stays flat.
    /// Solid markers: the plan's span in units; open markers: the measured critical path in seconds.
    /// </summary>
    public static byte[] SpanAgainstSize(
        IReadOnlyList<(string Label, SerialCluster.Analysis.Span.SpanScaling Scaling)> series,
        string title,
        string sizeName,
        string unit)
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

        Curve(plot, [0, reach], [0, reach], "slope 1: a chain", Colors.Gray, LinePattern.Dashed);
        Curve(plot, [0, reach], [0, 0], "slope 0: logarithmic depth", Colors.Silver, LinePattern.Dashed);
        plot.Title(title);
        plot.XLabel($"log10 ({sizeName} / its first value)");
        plot.YLabel("log10 (span / its first value)");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.Axes.SetLimits(-0.1, reach + 0.1, -1, Math.Max(reach * 1.9, 2));
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>
    /// A pair of <c>contrast</c>: each side's absolute speedup T_serial/T(P) against P, beside the plan's bound (dashed)
    /// and the line of the serial run (1×): below it, more cores made the side slower than one core.
    /// </summary>
    public static byte[] ContrastSpeedups(SerialCluster.Cli.Contrast.ContrastPairResult pair, IReadOnlyList<int> parallelisms, int machineCores)
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
        plot.ShowLegend(Alignment.UpperLeft);
        var top = pair.Sides.SelectMany(
            s => parallelisms.Select(
                p => Math.Max(
                    s.SpeedupAt(p),
                    Math.Min(s.BoundAt(Math.Min(p, machineCores)), parallelisms.Max())))).Where(double.IsFinite).DefaultIfEmpty(1).Max();
        plot.Axes.SetLimits(0.8, parallelisms.Max() + 0.2, 0, Math.Max(1.2, top * 1.15));
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>Which silo ran what, when: one lane per silo, one box per task (pale: a silo's aggregate of many tasks), coloured by stage.</summary>
    public static byte[] Timeline(JobTimeline timeline, string title)
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
        return plot.GetImageBytes(Width, Math.Max(260, 120 + (60 * silos.Count)), ImageFormat.Png);
    }

    /// <summary>Tasks computing at once over the job's wall time, against the parallelism cap P.</summary>
    public static byte[] Parallelism(JobTimeline timeline, int cap, string title)
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
        plot.ShowLegend(Alignment.UpperRight);
        plot.Axes.SetLimitsY(0, Math.Max(cap, timeline.PeakParallelism) * 1.25);
        return plot.GetImageBytes(Width, 360, ImageFormat.Png);
    }

    private static void Curve(Plot plot, double[] xs, double[] ys, string label, Color color, LinePattern pattern)
    {
        var curve = plot.Add.Scatter(xs, ys);
        curve.LegendText = label;
        curve.Color = color;
        curve.MarkerSize = 0;
        curve.LinePattern = pattern;
        curve.LineWidth = 1.5f;
    }
}
