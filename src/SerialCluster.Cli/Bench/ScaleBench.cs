using System.Text.Json.Nodes;
using SerialCluster.Abstractions.Jobs;
using static SerialCluster.Analysis.Statistics.SampleStatistics;
using static SerialCluster.Cli.Bench.BenchFormat;

namespace SerialCluster.Cli.Bench;

/// <summary>
/// Target 6: (a) montecarlo jobs of one sample per task at 10⁴, 10⁵ and 10⁶ tasks (P = 2), peak RSS watched from a compacted start; growth from the
/// smallest to the largest must stay within twice the results' own growth (a compacting GC may keep twice what is live), each result measured as held
/// (<see cref="ResultSize"/>: its own byte array and the reference to it). (b) <see cref="BenchSizes.ConcurrentJobs"/> equal jobs, timed alone then all
/// at once: fair sharing gives each a slowdown near the job count; starvation shows as worst ÷ median, lost capacity as makespan ÷ Σ alone walls.
/// </summary>
public static class ScaleBench
{
    public const double MemorySlack = 2.0;
    public const double FairnessSlack = 1.25;
    public const double ThroughputSlack = 1.10;

    public static async Task<BenchSection> RunAsync(BenchContext context)
    {
        var p = context.P;
        var (payloadBytes, resultBytesPerTask) = ResultSize();
        var details = new List<string>
        {
            F($"| tasks | wall | tasks/s | RSS before | peak RSS | growth | growth per task | results ({resultBytesPerTask} B/task) | allocated per task | ") +
                F($"retained after the job | GCs gen0/1/2 |"),
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
        };
        var scale = new JsonArray();
        var growths = new List<(int Tasks, long Growth)>();
        await BenchJob.RunAsync(context.Client, "montecarlo", Parameters(1000, 1000, 1), JobMode.Scatter, p, null, context.CancellationToken);
        long retainedBytes = 0;
        foreach (var tasks in context.Sizes.ScaleTasks)
        {
            context.Say(F($"target 6: montecarlo with {tasks:N0} tasks of one sample at P = {p}, peak RSS watched"));
            var before = 0L;
            long peak;
            BenchJobResult run;
            long allocated;
            string collections;
            await using (var memory = ResidentMemory.StartWatching())
            {
                before = ResidentMemory.Current();
                var heapBefore = GC.GetTotalMemory(forceFullCollection: false);
                var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                int[] collectionsBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
                run = await BenchJob.RunAsync(context.Client, "montecarlo", Parameters(tasks, tasks, 1), JobMode.Scatter, p, null, context.CancellationToken);
                allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
                collections = string.Join('/', Enumerable.Range(0, 3).Select(g => GC.CollectionCount(g) - collectionsBefore[g]));
                peak = await memory.StopAsync();
                retainedBytes = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
            }

            var growth = Math.Max(0, peak - before);
            growths.Add((tasks, growth));
            details.Add(
                F($"| {tasks:N0} | {Seconds(run.WallSeconds)} | {Rate(tasks / run.WallSeconds)} | {Megabytes(before)} | {Megabytes(peak)} | ") +
                    F($"{Megabytes(growth)} | {growth / (double)tasks:F0} B | {Megabytes(tasks * resultBytesPerTask)} | {allocated / (double)tasks:F0} B | ") +
                    F($"{Megabytes(retainedBytes)} | {collections} |"));
            scale.Add(new JsonObject
            {
                ["tasks"] = tasks,
                ["wallSeconds"] = run.WallSeconds,
                ["rssBeforeBytes"] = before,
                ["peakRssBytes"] = peak,
                ["growthBytes"] = growth,
                ["allocatedBytes"] = allocated,
                ["retainedBytes"] = retainedBytes,
            });
        }

        var rows = new List<BenchRow>();
        var (smallTasks, smallGrowth) = growths[0];
        var (largeTasks, largeGrowth) = growths[^1];
        var extraResults = (largeTasks - smallTasks) * resultBytesPerTask;
        var extraGrowth = Math.Max(1, largeGrowth - smallGrowth);
        rows.Add(new BenchRow(
            "6",
            F($"peak RSS growth {smallTasks:N0} → {largeTasks:N0} tasks vs the results' growth"),
            F($"+{Megabytes(largeGrowth - smallGrowth)} ({(largeGrowth - smallGrowth) / (double)(largeTasks - smallTasks):F0} B/task)"),
            MemorySlack * extraResults / extraGrowth,
            F($"≤ {MemorySlack:F0}× results (+{Megabytes(extraResults)})"),
            F($"peak growth {Megabytes(smallGrowth)} at {smallTasks:N0}, {Megabytes(largeGrowth)} at {largeTasks:N0}; results {resultBytesPerTask} B/task ") +
                F($"as held ({payloadBytes} B of output in its own array, and its reference)")));
        rows.Add(new BenchRow(
            "6",
            F($"{largeTasks:N0}-task job throughput"),
            F($"{Rate(largeTasks / (double)scale[^1]!["wallSeconds"]!.GetValue<double>())} tasks/s"),
            null,
            "reported",
            F($"wall {Seconds(scale[^1]!["wallSeconds"]!.GetValue<double>())}")));

        var (concurrentRows, concurrentDetails, concurrent) = await ConcurrentAsync(context);
        rows.AddRange(concurrentRows);
        details.Add(string.Empty);
        details.AddRange(concurrentDetails);
        return new BenchSection("6. Scale", rows, details, new JsonObject { ["scale"] = scale, ["concurrent"] = concurrent });
    }

    private static async Task<(List<BenchRow>, List<string>, JsonObject)> ConcurrentAsync(BenchContext context)
    {
        var p = context.P;
        var jobs = context.Sizes.ConcurrentJobs;
        var samplesPerSecond = BareLoop.MonteCarloRate(Math.Min(0.2, context.Sizes.ConcurrentJobSeconds));
        var samples = Math.Max(64, (long)(samplesPerSecond * context.Sizes.ConcurrentJobSeconds * p));
        var tasks = (int)Math.Min(samples, 64);
        context.Say(
            F($"target 6: {jobs} concurrent montecarlo jobs of {samples:N0} samples in {tasks} tasks at P = {p} (≈ {context.Sizes.ConcurrentJobSeconds:F2} ") +
                F($"s alone)"));
        var alone = new List<double>();
        for (var i = 0; i < Math.Min(3, jobs); i++)
        {
            alone.Add(
                (await BenchJob.RunAsync(
                    context.Client, "montecarlo", Parameters(samples, tasks, 100 + i), JobMode.Scatter, p, null, context.CancellationToken)).WallSeconds);
        }

        var aloneWall = Median(alone);
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        var runs = await Task.WhenAll(Enumerable.Range(0, jobs).Select(i =>
            BenchJob.RunAsync(context.Client, "montecarlo", Parameters(samples, tasks, 200 + i), JobMode.Scatter, p, null, context.CancellationToken)));
        var makespan = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds;
        var slowdowns = runs.Select(r => r.WallSeconds / aloneWall).ToArray();
        var details = new List<string>
        {
            F($"{jobs} concurrent jobs, alone wall {Seconds(aloneWall)} (median of {alone.Count}); makespan {Seconds(makespan)} = ") +
                F($"{Ratio(makespan / (jobs * aloneWall))}× the sum of alone walls."),
            string.Empty,
            "| job | wall | slowdown |",
            "|---:|---:|---:|",
        };
        details.AddRange(runs.Select((r, i) => F($"| {i + 1} | {Seconds(r.WallSeconds)} | {Ratio(slowdowns[i])}× |")));
        var worst = slowdowns.Max();
        var median = Median(slowdowns);
        var throughput = makespan / (jobs * aloneWall);
        var rows = new List<BenchRow>
        {
            new("6", F($"{jobs} concurrent jobs: worst ÷ median slowdown (no job starved)"), F($"{Ratio(worst / median)}"), FairnessSlack / (worst / median),
                F($"≤ {FairnessSlack:F2}"),
                F($"slowdowns {Ratio(slowdowns.Min())}–{Ratio(worst)}×, median {Ratio(median)}× (all sharing fairly ≈ {jobs}×)")),
            new("6", F($"{jobs} concurrent jobs: makespan ÷ Σ alone walls (capacity lost to sharing)"), F($"{Ratio(throughput)}"), ThroughputSlack / throughput,
                F($"≤ {ThroughputSlack:F2}"),
                F($"makespan {Seconds(makespan)}, alone {Seconds(aloneWall)} each")),
        };
        var data = new JsonObject
        {
            ["jobs"] = jobs,
            ["aloneWallSeconds"] = aloneWall,
            ["makespanSeconds"] = makespan,
            ["slowdowns"] = new JsonArray([.. slowdowns.Select(s => (JsonNode?)s)]),
        };
        return (rows, details, data);
    }

    /// <summary>
    /// What one task's result is (the plan's output for a one-sample task: its length) and what the job holds per task
    /// for it: the output's array object, measured as the bytes allocated to copy one, plus its reference in the stage's
    /// output array.
    /// </summary>
    public static (int PayloadBytes, long HeldBytes) ResultSize()
    {
        var plan = BareLoop.Plan("montecarlo", Parameters(1, 1, 1));
        var output = plan.RunTask(0, 0, plan.CreateTaskInput(0, 0, []), CancellationToken.None);
        long objectBytes = 0;
        for (var i = 0; i < 2; i++)
        {
            // The second copy is the measured one (the first may allocate for the code path itself).
            var before = GC.GetAllocatedBytesForCurrentThread();
            GC.KeepAlive(output.ToArray());
            objectBytes = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        return (output.Length, objectBytes + IntPtr.Size);
    }

    private static Dictionary<string, string> Parameters(long samples, int tasks, long seed) => new(StringComparer.Ordinal)
    {
        ["samples"] = Text(samples),
        ["tasks"] = Text(tasks),
        ["seed"] = Text(seed),
    };
}
