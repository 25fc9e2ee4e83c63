using System.Text.Json.Nodes;

namespace SerialCluster.Workloads.Sudoku;

/// <summary>Builds the job result: one object per puzzle in input order, then the counts.</summary>
public static class SudokuResults
{
    public static JsonObject Build(IReadOnlyList<SudokuPuzzleResult> results, bool checkUnique)
    {
        var puzzles = new JsonArray();
        int solved = 0, unique = 0, none = 0, several = 0;
        long nodes = 0;
        foreach (var result in results)
        {
            puzzles.Add(new JsonObject
            {
                ["solution"] = result.Solution is { } solution ? Digits(solution) : null,
                ["solved"] = result.Solutions > 0,
                ["unique"] = checkUnique ? result.Solutions == 1 : null,
                ["searchNodes"] = result.SearchNodes,
            });
            solved += result.Solutions > 0 ? 1 : 0;
            unique += result.Solutions == 1 ? 1 : 0;
            none += result.Solutions == 0 ? 1 : 0;
            several += result.Solutions > 1 ? 1 : 0;
            nodes += result.SearchNodes;
        }

        var json = new JsonObject
        {
            ["puzzles"] = puzzles,
            ["count"] = results.Count,
            ["solvedCount"] = solved,
            ["noSolutionCount"] = none,
        };
        if (checkUnique)
        {
            json["uniqueCount"] = unique;
            json["multipleSolutionsCount"] = several;
        }

        json["searchNodes"] = nodes;
        return json;
    }

    // 1-9 then letters (SudokuGeometry.Symbols), so a 9×9 solution reads as it always did.
    private static string Digits(byte[] grid) => string.Create(grid.Length, grid, static (span, cells) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = SudokuGeometry.Symbols[cells[i]];
        }
    });
}
