using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using SerialCluster.Analysis.Span;
using SerialCluster.Cli.Output;
using Spectre.Console;
using static SerialCluster.Cli.Reports.Numbers;

namespace SerialCluster.Cli.Reports;

/// <summary>A span sweep's outputs: JSON, CSV, the terminal table and the HTML report with the log–log chart.</summary>
public static class SpanSweepOutput
{
    public const string CsvHeader = "size,workUnits,spanUnits,spanSeconds,wallSeconds,workSeconds,runs";

    public static JsonObject Json(SpanSweepResult sweep) => new()
    {
        ["workload"] = sweep.Workload,
        ["parameters"] = new JsonObject(
            [.. sweep.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))]),
        ["size"] = new JsonArray([.. sweep.SizeNames.Select(n => (JsonNode?)n)]),
        ["mode"] = sweep.Mode,
        ["parallelism"] = sweep.Parallelism,
        ["cluster"] = sweep.Cluster,
        ["cores"] = sweep.Cores,
        ["unit"] = sweep.Unit,
        ["points"] = new JsonArray([.. sweep.Rows.Select(r => (JsonNode)new JsonObject
        {
            ["sizes"] = new JsonObject([.. r.Sizes.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)s.Value))]),
            ["size"] = r.Size,
            ["workUnits"] = r.WorkUnits,
            ["spanUnits"] = r.SpanUnits,
            ["spanSeconds"] = r.SpanSeconds,
            ["wallSeconds"] = r.WallSeconds,
            ["workSeconds"] = r.WorkSeconds,
            ["jobIds"] = new JsonArray([.. r.Runs.Select(j => (JsonNode?)j.JobId)]),
        })]),
        ["slopes"] = Slopes(sweep.Scaling),
    };

    /// <summary>The fitted slopes as JSON (shared with <c>contrast</c>).</summary>
    public static JsonObject Slopes(SpanScaling scaling) => new()
    {
        ["spanUnits"] = Slope(scaling.UnitsSlope),
        ["spanSeconds"] = Slope(scaling.SecondsSlope),
        ["workUnits"] = Slope(scaling.WorkSlope),
        ["reading"] = scaling.Reading,
    };

    public static string Csv(SpanSweepResult sweep)
    {
        var text = new StringBuilder().AppendLine(CsvHeader);
        foreach (var r in sweep.Rows)
        {
            text.AppendLine(string.Join(',',
                Numbers.Csv(r.Size), r.WorkUnits.ToString(CultureInfo.InvariantCulture), r.SpanUnits.ToString(CultureInfo.InvariantCulture),
                Numbers.Csv(r.SpanSeconds), Numbers.Csv(r.WallSeconds), Numbers.Csv(r.WorkSeconds), r.Runs.Count.ToString(CultureInfo.InvariantCulture)));
        }

        return text.ToString();
    }

    public static List<string> Findings(SpanSweepResult sweep)
    {
        var s = sweep.Scaling;
        return
        [
            $"{sweep.Workload}: {s.Reading}",
            $"slope of ln(span) against ln({sweep.SizeNames[0]}): {SlopeText(s.UnitsSlope)} in {sweep.Unit} (the plan), {SlopeText(s.SecondsSlope)} in " +
            $"measured seconds (Σ over stages of the slowest task, at P = {sweep.Parallelism}); work: {SlopeText(s.WorkSlope)}",
            "slope ≈ 1: the critical path grows with the input — no number of processors shortens it; slope ≈ 0: logarithmic depth — processors can",
        ];
    }

    public static void Terminal(IAnsiConsole console, SpanSweepResult sweep)
    {
        var table = new TerminalTable(
            $"{sweep.Workload}: span against {string.Join(" and ", sweep.SizeNames)}, {sweep.Mode} at P = {sweep.Parallelism} on the {sweep.Cluster}");
        foreach (var column in sweep.SizeNames.Concat(["work", "span", "work/span", "span ms", "wall s"]))
        {
            table.AddColumn(column, rightAligned: true);
        }

        foreach (var r in sweep.Rows)
        {
            table.AddRow([.. sweep.SizeNames.Select(n => r.Sizes[n]),
                r.WorkUnits.ToString("N0", CultureInfo.InvariantCulture), r.SpanUnits.ToString("N0", CultureInfo.InvariantCulture),
                F((double)r.WorkUnits / r.SpanUnits, "F1"), F(r.SpanSeconds * 1e3, "F3"), F(r.WallSeconds)]);
        }

        table.Write(console);
        foreach (var line in Findings(sweep))
        {
            console.MarkupLine(Markup.Escape(line));
        }
    }

    public static HtmlPage Html(SpanSweepResult sweep)
    {
        var parameters = string.Join(" ", sweep.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
        return new HtmlPage($"serialcluster sweep --size: {sweep.Workload}")
            .Paragraph($"{sweep.Workload} {parameters}; {sweep.Mode} at P = {sweep.Parallelism} on the {sweep.Cluster} ({sweep.Cores} cores).")
            .Image(
                Charts.SpanAgainstSize(
                    [(sweep.Workload, sweep.Scaling)],
                    $"{sweep.Workload}: span against {sweep.SizeNames[0]}",
                    sweep.SizeNames[0],
                    sweep.Unit),
                "span against size chart")
            .Table(
                [.. sweep.SizeNames, "work", "span", "span ms", "wall s"],
                sweep.Rows.Select(r => (IReadOnlyList<string>)[
                    .. sweep.SizeNames.Select(n => r.Sizes[n]), r.WorkUnits.ToString("N0", CultureInfo.InvariantCulture),
                    r.SpanUnits.ToString("N0", CultureInfo.InvariantCulture), F(r.SpanSeconds * 1e3, "F3"), F(r.WallSeconds)]))
            .List(Findings(sweep));
    }

    public static string SlopeText(LogLogSlope? slope) =>
        slope is null ? "—" : $"{F(slope.Slope, "F2")} ± {F(slope.SlopeStdErr, "F2")}";

    private static JsonObject? Slope(LogLogSlope? slope) => slope is null ? null : new JsonObject
    {
        ["slope"] = slope.Slope,
        ["slopeStdErr"] = JsonNumber(slope.SlopeStdErr),
        ["points"] = slope.Points,
    };
}
