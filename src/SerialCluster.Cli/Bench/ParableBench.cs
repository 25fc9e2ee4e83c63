using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Workloads.Sudoku;
using static SerialCluster.Cli.Bench.BenchFormat;

namespace SerialCluster.Cli.Bench;

/// <summary>
/// Target 5, the parable with matched work: a batch of independent sudoku puzzles (the built-in set repeated) and
/// one hashchain, both sized from bare calibrations to the same single-core time, each scattered at P = 1 and at
/// P = 2; speedup = wall(P = 1) ÷ wall(P = 2), printed side by side.
/// </summary>
public static class ParableBench
{
    public const double BatchGoal = 1.8;
    public const double ChainLimit = 1.05;

    public static async Task<BenchSection> RunAsync(BenchContext context)
    {
        var seconds = context.Sizes.ParableSeconds;
        var set = string.Join('\n', SudokuPuzzles.BuiltIn);
        var setPlan = BareLoop.Plan("sudoku", new Dictionary<string, string> { ["puzzles"] = set, ["tasks"] = "1" });
        BareLoop.MeanTaskSeconds(setPlan, 1); // JIT
        var start = Stopwatch.GetTimestamp();
        var sets = 0;
        while (Stopwatch.GetElapsedTime(start).TotalSeconds < Math.Min(0.3, seconds))
        {
            BareLoop.MeanTaskSeconds(setPlan, 1);
            sets++;
        }

        var perSet = Stopwatch.GetElapsedTime(start).TotalSeconds / sets;
        var repeats = Math.Max(1, (int)Math.Round(seconds / perSet));
        repeats = Math.Min(repeats, SudokuPuzzles.MaxPuzzles / SudokuPuzzles.BuiltIn.Count);
        var puzzles = new StringBuilder();
        for (var i = 0; i < repeats; i++)
        {
            puzzles.Append(set).Append('\n');
        }

        var puzzleCount = repeats * SudokuPuzzles.BuiltIn.Count;
        var tasks = Math.Min(context.Sizes.ParableTasks, puzzleCount);
        var chainProbe = BareLoop.Plan("hashchain", new Dictionary<string, string> { ["steps"] = "1000000000000" });
        var steps = Math.Max(1000, (long)(BareLoop.ChainRate(chainProbe, Math.Min(0.3, seconds)) * seconds));
        var batch = new Dictionary<string, string> { ["puzzles"] = puzzles.ToString(), ["tasks"] = Text(tasks) };
        var chain = new Dictionary<string, string> { ["steps"] = Text(steps) };
        context.Say(
            F($"target 5: sudoku batch of {puzzleCount:N0} puzzles in {tasks} tasks vs hashchain of {steps:N0} steps, each ≈ {seconds:F1} s on one core; P ") +
                F($"= 1 then P = {context.P}"));
        var p = context.P;
        var results = new List<(string Name, BenchJobResult One, BenchJobResult All)>();
        foreach (var (name, workload, parameters) in new[] { ("sudoku batch", "sudoku", batch), ("hashchain", "hashchain", chain) })
        {
            var one = await BenchJob.RunAsync(context.Client, workload, parameters, JobMode.Scatter, 1, null, context.CancellationToken);
            var all = await BenchJob.RunAsync(context.Client, workload, parameters, JobMode.Scatter, p, null, context.CancellationToken);
            if (!JsonNode.DeepEquals(JsonNode.Parse(one.ResultJson), JsonNode.Parse(all.ResultJson)))
            {
                throw new CliException(ExitCodes.JobFailed, $"bench: {name} gave different results at P = 1 and P = {p}");
            }

            results.Add((name, one, all));
        }

        var details = new List<string>
        {
            F($"| workload | work | T(1) | T({p}) | speedup | profile parallelism (work/span) |"),
            "|---|---|---:|---:|---:|---:|",
        };
        var data = new JsonObject();
        var rows = new List<BenchRow>();
        foreach (var (name, one, all) in results)
        {
            var speedup = one.WallSeconds / all.WallSeconds;
            var isBatch = name != "hashchain";
            details.Add(
                F($"| {name} | {(isBatch ? $"{puzzleCount:N0} puzzles / {tasks} tasks" : $"{steps:N0} steps")} | {Seconds(one.WallSeconds)} | ") +
                    F($"{Seconds(all.WallSeconds)} | {Ratio(speedup)}× | {Ratio(all.Profile.Parallelism)} |"));
            rows.Add(new BenchRow(
                "5",
                F($"{name}: speedup T(1)/T({p}), same T1 as the {(isBatch ? "chain" : "batch")}"),
                F($"{Ratio(speedup)}×"),
                isBatch ? speedup / BatchGoal : ChainLimit / speedup,
                isBatch ? F($"≥ {BatchGoal:F2}×") : F($"≤ {ChainLimit:F2}×"),
                F($"T(1) {Seconds(one.WallSeconds)}, T({p}) {Seconds(all.WallSeconds)}")));
            data[isBatch ? "batch" : "chain"] = new JsonObject
            {
                ["t1Seconds"] = one.WallSeconds,
                ["tpSeconds"] = all.WallSeconds,
                ["speedup"] = speedup,
            };
        }

        return new BenchSection("5. The parable with matched work", rows, details, data);
    }
}
