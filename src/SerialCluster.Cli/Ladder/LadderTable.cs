using System.Text;
using SerialCluster.Abstractions.Ladder;
using static SerialCluster.Cli.Bench.BenchFormat;

namespace SerialCluster.Cli.Ladder;

/// <summary>The ladder as Markdown: steps/s per boundary against k, each crossing's cost, and the floors' bounds beside them.</summary>
public static class LadderTable
{
    public const string Header =
        "| k (steps per crossing) | in the thread | grain, same silo | grain, other silo | job storage | bound: hand-off floor | bound: TCP floor |";

    public static string ToMarkdown(LadderResult result)
    {
        var floors = result.Floors;
        var stepSeconds = floors.StepNanoseconds * 1e-9;
        var text = new StringBuilder();
        text.AppendLine(F($"Steps/s of one SHA-256 chain whose state crosses a boundary every k steps (and the cost of one crossing: wall per crossing"));
        text.AppendLine(F($"less k bare steps). {result.SecondsPerRung:F2} s per rung, driven from inside the first silo; {result.Cluster}."));
        text.AppendLine();
        text.AppendLine(Header);
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var k in result.Ks)
        {
            var cells = result.Boundaries.Select(b => Cell(result.Cell(b, k), stepSeconds));
            text.AppendLine(
                F($"| {k:N0} | {string.Join(" | ", cells)} | {Rate(floors.Bound(k, floors.HandOffMicroseconds))} | ") +
                    F($"{Rate(floors.Bound(k, floors.TcpMicroseconds))} |"));
        }

        text.AppendLine();
        text.AppendLine(
            F($"Floors in the same run, no Orleans: loopback TCP round trip p50 {Micro(floors.TcpMicroseconds)}, async hand-off to another task ") +
                F($"and back p50 {Micro(floors.HandOffMicroseconds)}, one bare chain step {floors.StepNanoseconds:F0} ns ") +
                F($"({Rate(1e9 / floors.StepNanoseconds)} ") +
                F($"steps/s). A bound is k ÷ (k steps + one floor): the most a chain crossing that floor every k steps can do."));
        text.AppendLine(F($"Job storage: {result.JobStorage}. Load average {result.LoadBefore} at the start, {result.LoadAfter} at the end."));
        var skipped = result.Cells.Where(c => c.Skipped is not null).Select(c => c.Skipped!).Distinct(StringComparer.Ordinal).ToList();
        foreach (var reason in skipped)
        {
            text.AppendLine($"- {reason}");
        }

        text.AppendLine(
            result.AllIdentical
                ? "Every rung's final state equals the same chain run in one loop (bit-identical)."
                : "SOME RUNG'S FINAL STATE DIFFERS FROM THE SAME CHAIN RUN IN ONE LOOP: " +
                    string.Join(
                        ", ",
                        result.Cells.Where(c => c.Skipped is null && !c.Identical).Select(c => F($"{LadderResult.Label(c.Boundary)} k = {c.K}"))));
        return text.ToString();
    }

    private static string Cell(LadderCell cell, double stepSeconds) =>
        cell.Skipped is not null ? "skipped" : F($"{Rate(cell.StepsPerSecond)} ({Micro(cell.CrossingMicroseconds(stepSeconds))})");

    /// <summary>The boundaries in the order of the table's columns.</summary>
    public static IReadOnlyList<LadderBoundary> Columns => Enum.GetValues<LadderBoundary>();
}
