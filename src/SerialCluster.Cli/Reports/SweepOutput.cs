using System.Text.Json.Nodes;
using Spectre.Console;

namespace SerialCluster.Cli.Reports;

/// <summary>
/// A sweep's outputs: the JSON document, the CSV table, the terminal table and chart, and the HTML report.
/// Each lives in its own type; this is the table of contents the sweep command reads from.
/// </summary>
public static class SweepOutput
{
    public static JsonObject Json(SweepResult sweep) => SweepJson.Build(sweep);

    public static string Csv(SweepResult sweep) => SweepCsv.Build(sweep);

    public static void Terminal(IAnsiConsole console, SweepResult sweep, bool wide = false) => SweepTerminal.Write(console, sweep, wide);

    public static HtmlPage Html(SweepResult sweep) => SweepHtml.Build(sweep);
}
