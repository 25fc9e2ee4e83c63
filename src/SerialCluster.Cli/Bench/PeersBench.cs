using System.Text.Json.Nodes;
using static SerialCluster.Cli.Bench.BenchFormat;

namespace SerialCluster.Cli.Bench;

/// <summary>
/// Target 7: target 3's fan-out on Dask distributed's LocalCluster (P processes, one thread each) in the same run,
/// through src/SerialCluster.Cli/Bench/dask_fanout.py (<see cref="DaskPeer"/>): per-task overhead on empty tasks and (T1/P) ÷ wall on
/// ~1 ms tasks, each beside target 3's figure as a ratio. Dask's tasks are Python and ours C#: the kernels are not
/// compared, only what each system adds around a task and how much of the cores each keeps busy.
/// </summary>
public static class PeersBench
{
    public const string Title = "7. Peers: Dask";

    public static async Task<BenchSection> RunAsync(BenchContext context, JsonObject ours)
    {
        var p = context.P;
        var sizes = context.Sizes;
        var python = await DaskPeer.FindPythonAsync(context.CancellationToken);
        if (python is null)
        {
            context.Say($"target 7: no Python here imports dask.distributed; {DaskPeer.Missing}");
            return new BenchSection(
                Title,
                [Skipped("per-task overhead on empty tasks, Dask LocalCluster"), Skipped("(T1/P) ÷ wall on ~1 ms tasks, Dask LocalCluster")],
                [],
                new JsonObject { ["skipped"] = DaskPeer.Missing });
        }

        context.Say(F($"target 7: Dask LocalCluster ({python}), {p} worker processes × 1 thread: {sizes.PeerEmptyTasks:N0} empty tasks, ") +
            F($"{sizes.EfficiencyTasks:N0} tasks of ≈ {sizes.TaskMilliseconds:F1} ms"));
        var dask = await DaskPeer.RunFanOutAsync(
            python, sizes.PeerEmptyTasks, sizes.EfficiencyTasks, sizes.TaskMilliseconds, p, TimeSpan.FromMinutes(5), context.CancellationToken);
        var daskEmpty = Number(dask, "empty", "overheadSecondsPerTask");
        var daskEfficiency = Number(dask, "fanout", "efficiency");
        var daskOverhead = Number(dask, "fanout", "overheadSecondsPerTask");
        var oursEmpty = ours["emptyDispatchSecondsPerTask"]!.GetValue<double>();
        var oursEfficiency = ours["efficiency"]!.GetValue<double>();
        var oursOverhead = ours["dispatchSecondsPerTask"]!.GetValue<double>();
        var versions = F($"Dask {dask["distributed"]}, Python {dask["python"]}; cluster start {Seconds(Number(dask, "startSeconds"))}");
        var rows = new List<BenchRow>
        {
            new("7", F($"per-task overhead on empty tasks, P·wall/N: Dask LocalCluster ({p} processes × 1 thread)"),
                F($"{Micro(daskEmpty * 1e6)}; Dask ÷ ours {daskEmpty / oursEmpty:F0}×"), null, "reported",
                F($"ours (target 3, same run) {Micro(oursEmpty * 1e6)} on {ours["tasks"]} tasks; Dask on {dask["empty"]!["tasks"]} tasks, ") +
                    F($"wall {Seconds(Number(dask, "empty", "wallSeconds"))}; {versions}")),
            new("7", F($"{sizes.EfficiencyTasks:N0} tasks of ≈ {sizes.TaskMilliseconds:F1} ms at P = {p}: (T1/{p}) ÷ wall, Dask LocalCluster"),
                F($"{Ratio(daskEfficiency)}; ours ÷ Dask {oursEfficiency / daskEfficiency:F2}×"), null, "reported",
                F($"ours (target 3, same run) {Ratio(oursEfficiency)}; Dask T1 {Seconds(Number(dask, "fanout", "t1Seconds"))} (Python tasks of ") +
                    F($"{Seconds(Number(dask, "fanout", "t1Seconds") / sizes.EfficiencyTasks)} each, ") +
                    F($"{dask["fanout"]!["checkedTasks"]} answers checked against a serial run), wall {Seconds(Number(dask, "fanout", "wallSeconds"))}")),
            new("7", F($"overhead per ≈ {sizes.TaskMilliseconds:F1} ms task, (P·wall − T1)/N: Dask LocalCluster"),
                F($"{Micro(daskOverhead * 1e6)}; Dask ÷ ours {(oursOverhead > 0 ? F($"{daskOverhead / oursOverhead:F0}×") : "∞")}"), null, "reported",
                F($"ours (target 3, same run: (P·wall − work)/N) {Micro(oursOverhead * 1e6)}")),
        };
        var details = new List<string>
        {
            F($"Dask distributed's LocalCluster ({versions}): {p} worker processes with one thread each, tasks sent with `client.map` and ") +
                "collected with `client.gather` from src/SerialCluster.Cli/Bench/dask_fanout.py, the same shape as target 3 " +
                "(empty tasks; a fan-out of ~1 ms tasks with T1 from the same tasks run one after another in the driver, a tenth before and after, scaled).",
            string.Empty,
            "What differs: Dask's tasks are Python (a SplitMix64 sum), SerialCluster's are C# (montecarlo), so a task's kernel speed is not " +
                "compared — only the overhead each system adds per task and the share of the cores each keeps busy with tasks. Dask's scheduler is a " +
                "separate process that every task's dispatch and result pass through; SerialCluster's coordinator hands tasks to worker grains in " +
                "batches over Orleans' messaging.",
        };
        return new BenchSection(Title, rows, details, new JsonObject
        {
            ["dask"] = dask,
            ["ours"] = new JsonObject
            {
                ["emptyOverheadSecondsPerTask"] = oursEmpty,
                ["efficiency"] = oursEfficiency,
                ["overheadSecondsPerTask"] = oursOverhead,
            },
            ["emptyOverheadRatio"] = daskEmpty / oursEmpty,
            ["efficiencyRatio"] = oursEfficiency / daskEfficiency,
        });
    }

    private static BenchRow Skipped(string what) => new("7", what, DaskPeer.Missing, null, "reported", "no Python here imports dask.distributed");

    private static double Number(JsonObject document, params string[] path)
    {
        JsonNode? node = document;
        foreach (var key in path)
        {
            node = node?[key];
        }

        return node?.GetValue<double>() ?? throw new CliException(ExitCodes.JobFailed, $"bench: the Dask fan-out's document lacks {string.Join('.', path)}");
    }
}
