using System.Globalization;
using SerialCluster.Cli.Output;
using Spectre.Console;
using static SerialCluster.Cli.Reports.Numbers;

namespace SerialCluster.Cli.Reports;

/// <summary>
/// A sweep on the terminal: the table of points, the speedup bar chart against ideal, then the findings. The table shows
/// the essential columns (what was measured) unless <c>wide</c> asks for the bounds and fits too; JSON, CSV and HTML
/// always hold every column. Below <see cref="VerticalBelow"/> columns each point is printed as a block of lines.
/// </summary>
public static class SweepTerminal
{
    /// <summary>Consoles narrower than this get one block of lines per point instead of the table.</summary>
    public const int VerticalBelow = 100;

    public static void Write(IAnsiConsole console, SweepResult sweep, bool wide = false)
    {
        var a = sweep.Analysis;
        var table = new TerminalTable($"{sweep.Workload} sweep, {sweep.Repeat} run(s) per P, {sweep.Mode} on the {sweep.Cluster} ({sweep.Cores} {sweep.Noun})")
        {
            VerticalBelow = VerticalBelow,
        };
        table.AddColumn("P", rightAligned: true).AddColumn("median", rightAligned: true).AddColumn("min–max", rightAligned: true)
            .AddColumn("speedup", rightAligned: true).AddColumn("relative", rightAligned: true).AddColumn("efficiency", rightAligned: true)
            .AddColumn("Karp–Flatt", rightAligned: true).AddColumn("capacity", rightAligned: true);
        if (wide)
        {
            foreach (var column in new[] { "bound max(T1/P,T∞)", "Brent", "burdened", "Amdahl fit", "USL fit", "Amdahl on C(P)", "paired on C_r(P)" })
            {
                table.AddColumn(column, rightAligned: true);
            }
        }

        if (a.Serial is { } serial)
        {
            var cells = new List<string>
            {
                "serial", F(serial.MedianSeconds) + " s", Markup.Escape($"{F(serial.MinSeconds)}–{F(serial.MaxSeconds)}"), "1.00×", "—", "—", "—", "—",
            };
            cells.AddRange(Enumerable.Repeat("—", wide ? 7 : 0));
            table.AddRow([.. cells]);
        }

        foreach (var p in a.Points)
        {
            var bound = a.Bounds.FirstOrDefault(b => b.P == p.P);
            var cells = new List<string>
            {
                p.P.ToString(CultureInfo.InvariantCulture) + (p.Saturated ? "*" : string.Empty),
                F(p.MedianSeconds) + " s",
                Markup.Escape($"{F(p.MinSeconds)}–{F(p.MaxSeconds)}"),
                F(p.Speedup, "F2") + "×",
                F(p.RelativeSpeedup, "F2") + "×",
                F(p.Efficiency, "P0"),
                F(p.KarpFlatt),
                a.CapacityAt(p.P) is { } capacity ? F(capacity.Capacity, "F2") : "—",
            };
            if (wide)
            {
                cells.AddRange(
                [
                    bound is null ? "—" : F(bound.LowerBoundSeconds) + " s",
                    bound is null ? "—" : F(bound.BrentSeconds) + " s",
                    bound is null ? "—" : F(bound.BurdenedSeconds) + " s",
                    a.Amdahl is null ? "—" : F(a.Amdahl.Speedup(p.P), "F2") + "×",
                    a.Usl is null ? "—" : F(a.Usl.Speedup(p.P), "F2") + "×",
                    a.AmdahlOnMeasuredCores is { } onCores && double.IsFinite(onCores.Speedup(p.P)) ? F(onCores.Speedup(p.P), "F2") + "×" : "—",
                    a.AmdahlPaired is { } paired && double.IsFinite(paired.Speedup(p.P)) ? F(paired.Speedup(p.P), "F2") + "×" : "—",
                ]);
            }

            table.AddRow([.. cells]);
        }

        table.Write(console);
        var speedupColumn = a.IsAbsolute ? "speedup T_serial/T(P)" : "speedup T(1)/T(P)";
        console.MarkupLine(Markup.Escape(
            $"{speedupColumn}{(a.Serial is null ? string.Empty : " (serial: the job pinned, the baseline)")}; relative = T(1)/T(P) of the same mode; " +
            $"capacity = C(P), the cores the control measured" +
            (a.Points.Any(p => p.Saturated) ? $"; * P above the {sweep.Cores} {sweep.Noun}: saturation, not parallel speedup" : string.Empty) +
            (wide ? string.Empty : "; --wide adds the bounds and fits (JSON, CSV and HTML hold them all)")));
        var chart = new BarChart().Width(Math.Min(70, console.Profile.Width)).Label($"[bold]{speedupColumn}[/] (ideal = P up to the {sweep.Noun})")
            .WithMaxValue(Math.Max(a.Points.Max(p => p.P), a.Points.Max(p => p.Speedup)));
        foreach (var p in a.Points)
        {
            chart.AddItem($"P={p.P} measured", Math.Round(p.Speedup, 2), p.Saturated ? Color.Yellow : Color.Green);
            chart.AddItem($"P={p.P} ideal", Math.Min(p.P, sweep.Cores), Color.Grey);
        }

        console.Write(chart);
        if (sweep.Unit is { IsSilo: true } unit)
        {
            console.MarkupLine(Markup.Escape(unit.Describe() + ": each silo is held to its share by the kernel's CPU quota, so P up to " +
                $"{unit.Count} is a real measurement of speedup in units of one silo (docs/SCALING.md)"));
        }

        foreach (var line in SweepFindings.Lines(sweep))
        {
            console.MarkupLine(Markup.Escape(line));
        }
    }
}
