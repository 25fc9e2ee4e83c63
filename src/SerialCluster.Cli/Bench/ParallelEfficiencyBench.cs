using System.Text.Json.Nodes;
using SerialCluster.Abstractions.Jobs;
using static SerialCluster.Cli.Bench.BenchFormat;

namespace SerialCluster.Cli.Bench;

/// <summary>
/// Target 3: montecarlo in <see cref="BenchSizes.EfficiencyTasks"/> tasks of about <see cref="BenchSizes.TaskMilliseconds"/>, scattered at P = 2;
/// efficiency = (T1/P) ÷ wall, T1 from the same tasks in a bare loop (a tenth before and after, scaled). Load on a shared machine shifts between runs,
/// so the run is also judged by itself: kernel time ÷ (P · wall), dispatch per task (P·wall − work)/N, and empty tasks for dispatch alone (P·wall/N).
/// The same tasks on P bare threads (<see cref="BareLoop.ParallelStageSeconds"/>) give the machine's own limit to set the cluster's wall against.
/// </summary>
public static class ParallelEfficiencyBench
{
    public const double EfficiencyGoal = 0.95;
    public const double DispatchGoalMicroseconds = 20;

    public static async Task<BenchSection> RunAsync(BenchContext context)
    {
        var n = context.Sizes.EfficiencyTasks;
        var p = context.P;
        var samplesPerSecond = BareLoop.MonteCarloRate(Math.Min(0.2, context.Sizes.TaskMilliseconds * n / 1000 / 10));
        var perTask = Math.Max(1, (long)(samplesPerSecond * context.Sizes.TaskMilliseconds / 1000));
        var parameters = Parameters(perTask * n, n);
        var plan = BareLoop.Plan("montecarlo", parameters);
        context.Say(F($"target 3: montecarlo, {n:N0} tasks of {perTask:N0} samples (≈ {context.Sizes.TaskMilliseconds:F1} ms) at P = {p}; bare T1 first"));
        var before = BareLoop.MeanTaskSeconds(plan, Math.Max(20, n / 10));
        await BenchJob.RunAsync(
            context.Client,
            "montecarlo",
            Parameters(perTask * Math.Min(n, 500), Math.Min(n, 500)),
            JobMode.Scatter,
            p,
            null,
            context.CancellationToken);
        var run = await BenchJob.RunAsync(context.Client, "montecarlo", parameters, JobMode.Scatter, p, null, context.CancellationToken);
        var after = BareLoop.MeanTaskSeconds(plan, Math.Max(20, n / 10));
        // The same stage on P bare threads, and the cluster once more right after it: the machine's own limit, side by
        // side with the cluster (two pairs, the better of each, so a burst of foreign load in one run does not decide).
        var bareP = BareLoop.ParallelStageSeconds(plan, p);
        // The second pair is watched thread by thread: where the cores went, in the cluster and in the bare run.
        using var clusterCpu = ThreadCpuSampler.Available ? ThreadCpuSampler.Start() : null;
        var again = await BenchJob.RunAsync(context.Client, "montecarlo", parameters, JobMode.Scatter, p, null, context.CancellationToken);
        var clusterUse = clusterCpu?.Stop();
        using var bareCpu = ThreadCpuSampler.Available ? ThreadCpuSampler.Start() : null;
        var bareSecond = BareLoop.ParallelStageSeconds(plan, p);
        var bareUse = bareCpu?.Stop();
        bareP = Math.Min(bareP, bareSecond);
        var clusterBest = Math.Min(run.WallSeconds, again.WallSeconds);
        var taskSeconds = (before + after) / 2;
        var t1 = taskSeconds * n;
        var efficiency = t1 / p / run.WallSeconds;
        var busy = run.Profile.WorkSeconds / (p * run.WallSeconds);
        var dispatch = Math.Max(0, (p * run.WallSeconds) - run.Profile.WorkSeconds) / n;
        context.Say(F($"target 3: {n:N0} empty tasks (one sample each) at P = {p}"));
        var empty = await BenchJob.RunAsync(context.Client, "montecarlo", Parameters(n, n), JobMode.Scatter, p, null, context.CancellationToken);
        var emptyDispatch = p * empty.WallSeconds / n;
        var rows = new List<BenchRow>
        {
            new("3", F($"{n:N0} tasks of {context.Sizes.TaskMilliseconds:F1} ms at P = {p}: (T1/{p}) ÷ wall"), F($"{Ratio(efficiency)} efficiency"),
                efficiency / EfficiencyGoal, F($"≥ {EfficiencyGoal:F2}"),
                F($"T1 {Seconds(t1)} (bare loop, {Seconds(before)} and {Seconds(after)} per task before and after), wall {Seconds(run.WallSeconds)}")),
            new("3", F($"the machine's limit: the same tasks on {p} bare threads here, (T1/{p}) ÷ bare wall"), F($"{Ratio(t1 / p / bareP)} efficiency"),
                t1 / p / bareP / EfficiencyGoal, F($"≥ {EfficiencyGoal:F2}"),
                F($"bare wall {Seconds(bareP)} (the better of two): what {p} cores of this machine give with no cluster at all; below 0.95 the limit is ") +
                    F($"the machine's, not the cluster's")),
            new("3", F($"the cluster against that limit: bare {p}-thread wall ÷ cluster wall"), F($"{Ratio(bareP / clusterBest)}"),
                bareP / clusterBest / EfficiencyGoal, F($"≥ {EfficiencyGoal:F2}"),
                F($"cluster wall {Seconds(clusterBest)} (the better of {Seconds(run.WallSeconds)} and {Seconds(again.WallSeconds)}, run next to the bare ") +
                    F($"ones)")),
            new("3", F($"the same run: kernel time ÷ (P · wall), cores busy with tasks"),
                F($"{Ratio(busy)}"), busy / EfficiencyGoal, F($"≥ {EfficiencyGoal:F2}"),
                F($"profile work {Seconds(run.Profile.WorkSeconds)}, measured in the same run as the wall, so load that comes and goes cannot skew it")),
            new("3", F($"dispatch cost per task, 1 ms tasks: (P·wall − work)/N"), Micro(dispatch * 1e6),
                dispatch > 0 ? DispatchGoalMicroseconds * 1e-6 / dispatch : double.PositiveInfinity, F($"≤ {DispatchGoalMicroseconds:F0} µs"),
                "core time per task not spent in its kernel"),
            new("3", F($"dispatch cost per task, {n:N0} empty tasks: P·wall/N"), Micro(emptyDispatch * 1e6), DispatchGoalMicroseconds * 1e-6 / emptyDispatch,
                F($"≤ {DispatchGoalMicroseconds:F0} µs"),
                F($"wall {Seconds(empty.WallSeconds)}: {Rate(n / empty.WallSeconds)} tasks/s; wall per task {Micro(empty.WallSeconds / n * 1e6)}")),
        };
        var details = new List<string>();
        JsonObject? cores = null;
        if (clusterCpu is not null && clusterUse is not null && bareCpu is not null && bareUse is not null)
        {
            var (row, lines, json) = CoresAccount(p, again, clusterCpu.System, clusterUse, bareSecond, bareCpu.System, bareUse);
            rows.Add(row);
            details.AddRange(lines);
            cores = json;
        }

        var data = new JsonObject
        {
            ["tasks"] = n,
            ["samplesPerTask"] = perTask,
            ["t1Seconds"] = t1,
            ["wallSeconds"] = run.WallSeconds,
            ["workSeconds"] = run.Profile.WorkSeconds,
            ["efficiency"] = efficiency,
            ["bareParallelWallSeconds"] = bareP,
            ["clusterBestWallSeconds"] = clusterBest,
            ["dispatchSecondsPerTask"] = dispatch,
            ["emptyWallSeconds"] = empty.WallSeconds,
            ["emptyDispatchSecondsPerTask"] = emptyDispatch,
        };
        data["cores"] = cores;
        return new BenchSection("3. Parallel efficiency", rows, details, data);
    }

    /// <summary>
    /// Where the machine's core-seconds went during the watched cluster run and the watched bare run: each thread
    /// group of this process on a CPU and waiting for one, other processes (the machine's busy time less this
    /// process's), steal and idle. The row compares the kernels' CPU time with their wall in the profile: below 1 the
    /// kernels' threads lost the difference to other threads; near 1 a slower kernel ran slower on its own.
    /// </summary>
    private static (BenchRow Row, IReadOnlyList<string> Lines, JsonObject Json) CoresAccount(
        int p, BenchJobResult cluster, SystemCpuTimes clusterSystem, IReadOnlyList<ThreadCpuUse> clusterUse,
        double bareWall, SystemCpuTimes bareSystem, IReadOnlyList<ThreadCpuUse> bareUse)
    {
        var lanes = clusterUse.FirstOrDefault(g => g.Group.StartsWith("task lanes", StringComparison.Ordinal));
        var bare = bareUse.FirstOrDefault(g => g.Group.StartsWith("bare loop", StringComparison.Ordinal));
        var kernelWall = cluster.Profile.WorkSeconds;
        var clusterOwn = clusterUse.Sum(g => g.CpuSeconds);
        var bareOwn = bareUse.Sum(g => g.CpuSeconds);
        var rest = clusterUse.Where(g => g != lanes).ToList();
        var row = lanes is null
            ? BenchRow.Missing(
                "3",
                "the cluster run's kernels: CPU time ÷ their wall",
                "reported",
                "no task-lane threads ran (the stage was not batched), so kernels cannot be told from other thread-pool work")
            : new BenchRow(
                "3", "the cluster run's kernels: CPU time ÷ their wall (1 = never kept off a core)", Ratio(lanes.CpuSeconds / kernelWall), null, "reported",
                F($"kernel wall {Seconds(kernelWall)} (profile); the lanes' threads on a CPU {Seconds(lanes.CpuSeconds)}, waiting for one ") +
                    F($"{Seconds(lanes.WaitSeconds)}; ") +
                F($"the rest of this process {Seconds(clusterOwn - lanes.CpuSeconds)} ") +
                    F($"({string.Join(", ", rest.Take(3).Select(g => F($"{Short(g.Group)} {Seconds(g.CpuSeconds)}")))}); ") +
                F($"other processes {Seconds(Math.Max(0, clusterSystem.Busy - clusterOwn))}, steal {Seconds(clusterSystem.Steal)}, idle ") +
                    F($"{Seconds(clusterSystem.Idle)}; ") +
                (bare is null
                    ? ""
                    : F($"bare {p} threads: on a CPU {Ratio(bare.CpuSeconds / (p * bareWall))} of {p}·wall, waiting {Seconds(bare.WaitSeconds)}")));

        var groups = clusterUse.Select(g => g.Group).Concat(bareUse.Select(g => g.Group)).Distinct(StringComparer.Ordinal).ToList();
        var lines = new List<string>
        {
            F($"Where the cores went in the watched pair (the second cluster run and the second bare {p}-thread run; /proc/self/task/*/schedstat every ") +
                F($"{ThreadCpuSampler.Interval.TotalMilliseconds:F0} ms, the machine from /proc/stat), seconds:"),
            "",
            "| thread group | cluster: on a CPU | cluster: waiting for a CPU | threads | bare: on a CPU | bare: waiting | threads |",
            "|---|---:|---:|---:|---:|---:|---:|",
        };
        foreach (var group in groups)
        {
            var c = clusterUse.FirstOrDefault(g => g.Group == group);
            var b = bareUse.FirstOrDefault(g => g.Group == group);
            lines.Add(
                F($"| {group} | {Cpu(c?.CpuSeconds)} | {Cpu(c?.WaitSeconds)} | {c?.Threads ?? 0} | {Cpu(b?.CpuSeconds)} | {Cpu(b?.WaitSeconds)} | ") +
                    F($"{b?.Threads ?? 0} |"));
        }

        lines.Add(
            F($"| other processes (machine busy − this process) | {Cpu(Math.Max(0, clusterSystem.Busy - clusterOwn))} | | | ") +
                F($"{Cpu(Math.Max(0, bareSystem.Busy - bareOwn))} | | |"));
        lines.Add(F($"| steal (the hypervisor) | {Cpu(clusterSystem.Steal)} | | | {Cpu(bareSystem.Steal)} | | |"));
        lines.Add(F($"| idle | {Cpu(clusterSystem.Idle)} | | | {Cpu(bareSystem.Idle)} | | |"));
        lines.Add(F($"| wall of the run | {Cpu(cluster.WallSeconds)} | | | {Cpu(bareWall)} | | |"));
        lines.Add("");
        lines.Add("/proc/stat counts in 10 ms ticks; the thread figures are nanoseconds.");

        JsonObject Groups(IReadOnlyList<ThreadCpuUse> use) => new(use.Select(g => KeyValuePair.Create(g.Group, (System.Text.Json.Nodes.JsonNode?)new JsonObject
        {
            ["cpuSeconds"] = g.CpuSeconds,
            ["waitSeconds"] = g.WaitSeconds,
            ["threads"] = g.Threads,
        })));
        var json = new JsonObject
        {
            ["cluster"] = new JsonObject
            {
                ["kernelWallSeconds"] = kernelWall,
                ["groups"] = Groups(clusterUse),
                ["machineBusySeconds"] = clusterSystem.Busy,
                ["idleSeconds"] = clusterSystem.Idle,
                ["stealSeconds"] = clusterSystem.Steal,
            },
            ["bare"] = new JsonObject
            {
                ["wallSeconds"] = bareWall,
                ["groups"] = Groups(bareUse),
                ["machineBusySeconds"] = bareSystem.Busy,
                ["idleSeconds"] = bareSystem.Idle,
                ["stealSeconds"] = bareSystem.Steal,
            },
        };
        return (row, lines, json);
    }

    private static string Cpu(double? seconds) => seconds is { } s ? F($"{s:F3}") : "—";

    private static string Short(string group) => group.Split(" (")[0];

    private static Dictionary<string, string> Parameters(long samples, int tasks) => new(StringComparer.Ordinal)
    {
        ["samples"] = Text(samples),
        ["tasks"] = Text(tasks),
        ["seed"] = "42",
    };
}
