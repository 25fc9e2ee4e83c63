using System.Text;
using System.Text.Json.Nodes;
using SerialCluster.Analysis.Caveats;
using SerialCluster.Cli.Output;
using static SerialCluster.Cli.Bench.BenchFormat;

namespace SerialCluster.Cli.Bench;

/// <summary>One bench run as Markdown (the table docs/BENCHMARKS.md quotes) and as JSON.</summary>
public sealed record BenchReport(
    DateTimeOffset Started,
    double Seconds,
    string Machine,
    string LoadBefore,
    string LoadAfter,
    string Sizes,
    string Cluster,
    IReadOnlyList<BenchSection> Sections,
    LoadDuringRun? ForeignLoad = null)
{
    public const string TableHeader = "| # | what | measured | ratio | goal | met | note |";

    public IEnumerable<BenchRow> Rows => Sections.SelectMany(s => s.Rows);

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(F($"## Cluster bench, {Started.UtcDateTime:yyyy-MM-dd HH:mm} UTC ({Sizes} sizes, {Seconds:F0} s)"));
        text.AppendLine();
        text.AppendLine(F($"- machine: {Machine}"));
        text.AppendLine(F($"- load average (1, 5, 15 min): {LoadBefore} at the start, {LoadAfter} at the end"));
        text.AppendLine(F($"- cluster: {Cluster}"));
        if (ForeignLoad is { } load)
        {
            text.AppendLine(
                $"- other programs: {load.Describe()}" +
                (load.IsBusy ? " — a busy machine: the ratios below say more about it than about the program" : string.Empty));
        }

        text.AppendLine();
        text.AppendLine(TableHeader);
        text.AppendLine("|---|---|---:|---:|---|---|---|");
        foreach (var row in Rows)
        {
            var ratio = row.Ratio switch
            {
                { } r when double.IsFinite(r) => Ratio(r),
                { } r when double.IsPositiveInfinity(r) => "∞",
                _ => "—",
            };
            var met = row.Met switch { true => "✔", false => "✘", null => "—" };
            text.AppendLine(F($"| {row.Target} | {Cell(row.What)} | {Cell(row.Measured)} | {ratio} | {Cell(row.Goal)} | {met} | {Cell(row.Note)} |"));
        }

        text.AppendLine();
        text.AppendLine("ratio = achieved ÷ required in the target's own direction (an upper limit: limit ÷ measured): 1.00 or more is met.");
        foreach (var section in Sections.Where(s => s.Details.Count > 0))
        {
            text.AppendLine();
            text.AppendLine(F($"### {section.Title}"));
            text.AppendLine();
            foreach (var line in section.Details)
            {
                text.AppendLine(line);
            }
        }

        return text.ToString();
    }

    public JsonObject ToJson() => new()
    {
        ["started"] = Started.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["seconds"] = Seconds,
        ["machine"] = Machine,
        ["loadBefore"] = LoadBefore,
        ["loadAfter"] = LoadAfter,
        ["sizes"] = Sizes,
        ["cluster"] = Cluster,
        ["load"] = ForeignLoad is { } load ? LoadDocument.Build(load) : null,
        ["rows"] = new JsonArray([.. Rows.Select(r => (JsonNode)r.ToJson())]),
        ["details"] = new JsonObject(Sections.Select(s => KeyValuePair.Create(s.Title, (JsonNode?)s.Data.DeepClone()))),
    };

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
