using System.Text.Json.Nodes;

namespace SerialCluster.Cli.Bench;

/// <summary>What one measurement adds to the report: rows of the targets table, Markdown details, and its raw figures as JSON.</summary>
public sealed record BenchSection(string Title, IReadOnlyList<BenchRow> Rows, IReadOnlyList<string> Details, JsonObject Data);
