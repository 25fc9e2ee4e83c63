using System.Globalization;
using Spectre.Console;
using static SerialCluster.Cli.Reports.Numbers;

namespace SerialCluster.Cli.Reports;

/// <summary>A sweep on the terminal: the table of points, the speedup bar chart against ideal, then the findings.</summary>
public static class SweepTerminal
{
    public static void Write(IAnsiConsole console, SweepResult sweep)
    {
        var a = sweep.Analysis;
        var table = new Table().Border(TableBorder.Rounded).Title(
            Markup.Escape($"{sweep.Workload} sweep, {sweep.Repeat} run(s) per P, {sweep.Mode} on the {sweep.Cluster} ({sweep.Cores} cores)"));
        var speedupColumn = a.IsAbsolute ? "speedup T_serial/T(P)" : "speedup T(1)/T(P)";
        foreach (var column in new[]
        {
            "P", "median", "min–max", speedupColumn, "relative T(1)/T(P)", "efficiency", "Karp–Flatt", "bound max(T1/P,T∞)", "Brent", "burdened",
            "Amdahl fit", "USL fit", "capacity C(P)", "Amdahl on C(P)", "paired on C_r(P)", "",
        })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        if (a.Serial is { } serial)
        {
            table.AddRow(
                "serial", F(serial.MedianSeconds) + " s", Markup.Escape($"{F(serial.MinSeconds)}–{F(serial.MaxSeconds)}"), "1.00×", "—", "—", "—", "—", "—",
                "—", "—", "—", "—", "—", "—",
                "[grey]pinned baseline[/]");
        }

        foreach (var p in a.Points)
        {
            var bound = a.Bounds.FirstOrDefault(b => b.P == p.P);
            table.AddRow(
                p.P.ToString(CultureInfo.InvariantCulture),
                F(p.MedianSeconds) + " s",
                Markup.Escape($"{F(p.MinSeconds)}–{F(p.MaxSeconds)}"),
                F(p.Speedup, "F2") + "×",
                F(p.RelativeSpeedup, "F2") + "×",
                F(p.Efficiency, "P0"),
                F(p.KarpFlatt),
                bound is null ? "—" : F(bound.LowerBoundSeconds) + " s",
                bound is null ? "—" : F(bound.BrentSeconds) + " s",
                bound is null ? "—" : F(bound.BurdenedSeconds) + " s",
                a.Amdahl is null ? "—" : F(a.Amdahl.Speedup(p.P), "F2") + "×",
                a.Usl is null ? "—" : F(a.Usl.Speedup(p.P), "F2") + "×",
                a.CapacityAt(p.P) is { } capacity ? F(capacity.Capacity, "F2") : "—",
                a.AmdahlOnMeasuredCores is { } onCores && double.IsFinite(onCores.Speedup(p.P)) ? F(onCores.Speedup(p.P), "F2") + "×" : "—",
                a.AmdahlPaired is { } paired && double.IsFinite(paired.Speedup(p.P)) ? F(paired.Speedup(p.P), "F2") + "×" : "—",
                p.Saturated ? "[yellow]saturated[/]" : string.Empty);
        }

        console.Write(table);
        var chart = new BarChart().Width(70).Label($"[bold]{speedupColumn}[/] (ideal = P up to the cores)").WithMaxValue(
            Math.Max(a.Points.Max(p => p.P), a.Points.Max(p => p.Speedup)));
        foreach (var p in a.Points)
        {
            chart.AddItem($"P={p.P} measured", Math.Round(p.Speedup, 2), p.Saturated ? Color.Yellow : Color.Green);
            chart.AddItem($"P={p.P} ideal", Math.Min(p.P, sweep.Cores), Color.Grey);
        }

        console.Write(chart);
        foreach (var line in SweepFindings.Lines(sweep))
        {
            console.MarkupLine(Markup.Escape(line));
        }
    }
}
