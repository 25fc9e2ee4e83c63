using ScottPlot;
using SerialCluster.Analysis.Scaling;

namespace SerialCluster.Cli.Reports;

/// <summary>Measured speedup (median, with min–max bars) against linear, the work–span bounds and the fitted laws.</summary>
internal static class SpeedupChart
{
    public static byte[] Render(ScalingAnalysis analysis, string title) =>
        Build(analysis, title).GetImageBytes(ChartStyle.WidthWithLegend, ChartStyle.Height, ImageFormat.Png);

    public static Plot Build(ScalingAnalysis analysis, string title)
    {
        var plot = new Plot();
        var maxP = analysis.Points.Max(p => p.P);
        var xs = Enumerable.Range(0, 101).Select(i => 1 + ((maxP - 1) * i / 100.0)).ToArray();
        // Every speedup on this chart divides the analysis' baseline: T_serial (the pinned run) when measured.
        var t1 = analysis.BaselineSeconds;
        var label = analysis.IsAbsolute ? "T_serial" : "T(1)";

        AddReferences(plot, analysis, xs);
        AddBounds(plot, analysis, xs, t1, label);
        AddFits(plot, analysis, xs, t1);
        AddMeasured(plot, analysis, t1);

        plot.Title(title);
        plot.XLabel("P (tasks in flight)");
        plot.YLabel($"speedup {label}/T(P)");
        ChartStyle.LegendOutside(plot);
        ChartStyle.IntegerTicks(plot.Axes.Bottom, analysis.Points.Select(p => p.P));
        plot.Axes.SetLimits(0.8, maxP + 0.2, 0, Math.Max(maxP, analysis.Points.Max(p => Math.Max(t1 / p.MinSeconds, p.RelativeSpeedup))) * 1.05);
        return plot;
    }

    private static void AddReferences(Plot plot, ScalingAnalysis analysis, double[] xs)
    {
        ChartStyle.Curve(plot, xs, xs, "linear (S = P)", Colors.Gray, LinePattern.Dotted);
        if (analysis.IsAbsolute)
        {
            var serial = plot.Add.HorizontalLine(1);
            serial.Color = Colors.DarkRed;
            serial.LinePattern = LinePattern.Dotted;
            serial.LegendText = "the best serial run (pinned): below this line more cores made it slower";
        }

        if (analysis.AnySaturated)
        {
            var ideal = xs.Select(x => Math.Min(x, analysis.Cores)).ToArray();
            ChartStyle.Curve(plot, xs, ideal, $"ideal on {analysis.Cores} {analysis.Noun}", Colors.Silver, LinePattern.Solid);
        }
    }

    private static void AddBounds(Plot plot, ScalingAnalysis analysis, double[] xs, double t1, string label)
    {
        if (analysis.WorkSpan is not { } ws)
        {
            return;
        }

        // Bounds count processors: beyond the cores, P tasks in flight still get only the cores.
        var procs = xs.Select(x => Math.Min(x, analysis.Cores)).ToArray();
        ChartStyle.Curve(
            plot,
            xs,
            [.. procs.Select(x => t1 / Math.Max(ws.WorkSeconds / x, ws.SpanSeconds))],
            $"work–span bound {label}/max(T1/P, T∞)",
            Colors.Black,
            LinePattern.Dashed);
        ChartStyle.Curve(
            plot,
            xs,
            [.. procs.Select(x => t1 / ((ws.WorkSeconds / x) + ws.SpanSeconds))],
            $"Brent {label}/(T1/P + T∞)",
            Colors.DarkGreen,
            LinePattern.Dashed);
        ChartStyle.Curve(
            plot,
            xs,
            [.. procs.Select(x => t1 / ((ws.WorkSeconds / x) + ws.SpanSeconds + (ws.DispatchSeconds * ((ws.Tasks / x) + ws.Stages))))],
            "burdened (Brent + dispatch)",
            Colors.Olive,
            LinePattern.DenselyDashed);
    }

    private static void AddFits(Plot plot, ScalingAnalysis analysis, double[] xs, double t1)
    {
        if (analysis.Amdahl is { } amdahl)
        {
            ChartStyle.Curve(
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
            ChartStyle.Curve(
                plot,
                xs,
                [.. xs.Select(x => t1 / usl.T1Seconds.Value * usl.Speedup(x))],
                $"USL fit σ = {usl.Sigma.Value:F3}, κ = {usl.Kappa.Value:F4}",
                Colors.Purple,
                LinePattern.Solid);
        }
    }

    private static void AddMeasured(Plot plot, ScalingAnalysis analysis, double t1)
    {
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
            cores.LegendText = $"{analysis.Cores} {analysis.Noun}: beyond, saturation";
        }
    }
}
