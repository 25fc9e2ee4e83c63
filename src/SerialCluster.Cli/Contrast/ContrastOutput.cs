using System.Globalization;
using System.Text.Json.Nodes;
using SerialCluster.Cli.Output;
using SerialCluster.Cli.Reports;
using Spectre.Console;
using static SerialCluster.Cli.Reports.Numbers;

namespace SerialCluster.Cli.Contrast;

/// <summary><c>contrast</c>'s outputs: one table (terminal and markdown), the JSON document and the HTML report with charts.</summary>
public static class ContrastOutput
{
    public static IReadOnlyList<string> Header(ContrastResult result)
    {
        var top = result.Parallelisms.Max();
        return [
            "pair", "side", "work", "span", "unit", "work/span", "T_serial", "T(1)", $"T({top})", $"speedup at {top}", $"relative at {top}",
            $"bound at {top}"];
    }

    public static IEnumerable<IReadOnlyList<string>> Rows(ContrastResult result)
    {
        var top = result.Parallelisms.Max();
        foreach (var pair in result.Pairs)
        {
            foreach (var side in pair.Sides)
            {
                yield return [
                    pair.Pair.Id, side.Label, side.Plan.Work.ToString("N0", CultureInfo.InvariantCulture),
                    side.Plan.Span.ToString("N0", CultureInfo.InvariantCulture),
                    side.Plan.Unit, F(side.PlanParallelism, "F1"), F(side.SerialSeconds) + " s", F(side.SecondsAt(1)) + " s", F(side.SecondsAt(top)) + " s",
                    F(side.SpeedupAt(top), "F2") + "×", F(side.RelativeAt(top), "F2") + "×", F(side.BoundAt(top), "F2") + "×"];
            }
        }
    }

    /// <summary>What each pair shows, from its measured figures, and the span slopes: the lines under the table.</summary>
    public static List<string> Findings(ContrastResult result)
    {
        var top = result.Parallelisms.Max();
        var lines = new List<string>();
        foreach (var pair in result.Pairs)
        {
            var sides = string.Join("; ", pair.Sides.Select(s =>
                $"{s.Label}: {F(s.SpeedupAt(top), "F2")}× on {top} {result.Noun} against its own serial run of {F(s.SerialSeconds)} " +
                $"s{(s.SpeedupAt(top) < 0.95 ? $" (slower than {result.One})" : string.Empty)}"));
            lines.Add($"{pair.Pair.Id} — {pair.Pair.Lesson}. Measured: {sides}.");
            if (pair.Pair.Scope is { } scope)
            {
                lines.Add($"{pair.Pair.Id} — scope: {scope}.");
            }
        }

        foreach (var span in result.Spans)
        {
            lines.Add(
                $"span against {span.SizeName}: {span.Label}: slope {SpanSweepOutput.SlopeText(span.Scaling.UnitsSlope)} in {span.Unit}, " +
                $"{SpanSweepOutput.SlopeText(span.Scaling.SecondsSlope)} in measured seconds — {span.Scaling.Reading}");
        }

        lines.Add(
            $"speedup = T_serial / T(P), absolute: T_serial is the side run pinned (the whole job on one core, the best single-core execution); relative = " +
            $"T(1)/T(P) of the scattered job (scalability, not speedup); bound = the most the plan's units allow on P processors with free barriers; work " +
            $"and span in each workload's unit.");
        if (result.Unit is { IsSilo: true } unit)
        {
            lines.Add($"{unit.Describe()}: each silo is held to its share by the kernel's CPU quota, so P up to {unit.Count} is a real measurement " +
                "(docs/SCALING.md); the pinned baseline runs on one such silo.");
        }

        if (top > result.MachineCores)
        {
            lines.Add(
                $"P = {top} exceeds the {result.MachineCores} {(result.Unit is { IsSilo: true } ? "slow silos the CPUs hold" : "cores of this machine")}: " +
                $"above {result.MachineCores} the figures show saturation, not parallel " +
                $"speedup.");
        }

        return lines;
    }

    public static void Terminal(IAnsiConsole console, ContrastResult result)
    {
        var table = new TerminalTable(
            $"contrast: the paper's paired controls on the {result.Cluster} ({result.Cores} {result.Noun}), each pair sized to ≈ {result.TargetSeconds:F1} s " +
            $"on {result.One}");
        foreach (var column in Header(result))
        {
            table.AddColumn(column, prose: column == "side");
        }

        foreach (var row in Rows(result))
        {
            table.AddRow([.. row.Select(Markup.Escape)]);
        }

        table.Write(console);
        foreach (var line in Findings(result))
        {
            console.MarkupLine(Markup.Escape(line));
        }
    }

    /// <summary>The table as GitHub markdown, with the findings under it (what docs/examples/contrast.md holds).</summary>
    public static string Markdown(ContrastResult result)
    {
        var header = Header(result);
        var text = new System.Text.StringBuilder()
            .AppendLine($"| {string.Join(" | ", header)} |")
            .AppendLine($"|{string.Join("|", header.Select(_ => "---"))}|");
        foreach (var row in Rows(result))
        {
            text.AppendLine($"| {string.Join(" | ", row)} |");
        }

        text.AppendLine();
        foreach (var line in Findings(result))
        {
            text.AppendLine($"- {line}");
        }

        return text.ToString();
    }

    public static JsonObject Json(ContrastResult result) => new()
    {
        ["targetSeconds"] = result.TargetSeconds,
        ["cluster"] = result.Cluster,
        ["cores"] = result.Cores,
        ["machineCores"] = result.MachineCores,
        ["unit"] = result.Unit?.Describe(),
        ["parallelisms"] = new JsonArray([.. result.Parallelisms.Select(p => (JsonNode?)p)]),
        ["repeat"] = result.Repeat,
        ["elapsedSeconds"] = result.ElapsedSeconds,
        ["pairs"] = new JsonArray([.. result.Pairs.Select(pair => (JsonNode)new JsonObject
        {
            ["id"] = pair.Pair.Id,
            ["title"] = pair.Pair.Title,
            ["lesson"] = pair.Pair.Lesson,
            ["scope"] = pair.Pair.Scope,
            ["sizeName"] = pair.Pair.SizeName,
            ["sides"] = new JsonArray([.. pair.Sides.Select(side => (JsonNode)new JsonObject
            {
                ["label"] = side.Label,
                ["workload"] = side.Workload,
                ["size"] = side.Size,
                ["parameters"] = new JsonObject([.. side.Plan.Parameters.Canonical.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))]),
                ["unit"] = side.Plan.Unit,
                ["work"] = side.Plan.Work,
                ["span"] = side.Plan.Span,
                ["parallelism"] = side.PlanParallelism,
                ["serialSeconds"] = side.SerialSeconds,
                ["pinnedRuns"] = new JsonArray(
                    [.. side.Pinned.Select(r => (JsonNode)new JsonObject { ["seconds"] = r.Profile!.WallSeconds, ["jobId"] = r.JobId })]),
                ["points"] = new JsonArray([.. result.Parallelisms.Select(p => (JsonNode)new JsonObject
                {
                    ["p"] = p,
                    ["seconds"] = side.SecondsAt(p),
                    ["speedup"] = JsonNumber(side.SpeedupAt(p)),
                    ["relativeSpeedup"] = JsonNumber(side.RelativeAt(p)),
                    ["bound"] = JsonNumber(side.BoundAt(p)),
                    ["spanSeconds"] = side.Scattered[p].Select(r => r.Profile!.SpanSeconds).Order().ElementAt(side.Scattered[p].Count / 2),
                    ["jobIds"] = new JsonArray([.. side.Scattered[p].Select(r => (JsonNode?)r.JobId)]),
                })]),
                ["result"] = JsonNode.Parse(side.Result),
            })]),
        })]),
        ["span"] = new JsonArray([.. result.Spans.Select(span => (JsonNode)new JsonObject
        {
            ["label"] = span.Label,
            ["workload"] = span.Workload,
            ["sizeName"] = span.SizeName,
            ["unit"] = span.Unit,
            ["points"] = new JsonArray([.. span.Scaling.Points.Select(p => (JsonNode)new JsonObject
            {
                ["size"] = p.Size, ["workUnits"] = p.WorkUnits, ["spanUnits"] = p.SpanUnits, ["spanSeconds"] = p.SpanSeconds, ["wallSeconds"] = p.WallSeconds,
            })]),
            ["slopes"] = SpanSweepOutput.Slopes(span.Scaling),
        })]),
        ["findings"] = new JsonArray([.. Findings(result).Select(l => (JsonNode?)l)]),
    };

    public static HtmlPage Html(ContrastResult result)
    {
        var page = new HtmlPage("serialcluster contrast: the paper's paired controls")
            .Paragraph(
                $"On the {result.Cluster} ({result.Cores} {result.Noun}; this machine {Environment.ProcessorCount} cores), each pair sized to " +
                $"≈ {result.TargetSeconds:F1} s on " +
                $"{result.One}, every side run pinned (T_serial) and scattered at P = {string.Join(", ", result.Parallelisms)}, {result.Repeat} round(s); " +
                $"{result.ElapsedSeconds:F0} s in all.")
            .Table(Header(result), Rows(result));
        foreach (var pair in result.Pairs)
        {
            page.Heading($"{pair.Pair.Id}: {pair.Pair.Title}")
                .Paragraph(pair.Pair.Lesson + (pair.Pair.Scope is { } scope ? $" Scope: {scope}." : string.Empty))
                .Image(Charts.ContrastSpeedups(pair, result.Parallelisms, result.MachineCores), $"{pair.Pair.Id} speedup chart");
        }

        if (result.Spans.Count > 0)
        {
            page.Heading("Span against input size")
                .Image(
                    Charts.SpanAgainstSize(
                        [.. result.Spans.Select(s => (s.Label, s.Scaling))],
                        "span against input size (each series against its own size parameter)",
                        "size",
                        "units"),
                    "span chart");
        }

        return page.Heading("Findings").List(Findings(result));
    }
}
