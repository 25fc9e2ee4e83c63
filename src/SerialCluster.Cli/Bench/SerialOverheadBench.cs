using System.Text.Json.Nodes;
using SerialCluster.Abstractions.Jobs;
using static SerialCluster.Analysis.Statistics.SampleStatistics;
using static SerialCluster.Cli.Bench.BenchFormat;

namespace SerialCluster.Cli.Bench;

/// <summary>
/// Target 1: a pinned chain through the cluster against the same kernel in a bare loop here, for hashchain and eca (rule 110, width 4096, random row),
/// each sized to about <see cref="BenchSizes.ChainSeconds"/>. Bare and cluster runs alternate, the order swapped each pair, so both see the same load;
/// the ratio is the median of the pairs' bare ÷ cluster times. Results must be identical; the bare rates are also target 2's figures.
/// </summary>
public static class SerialOverheadBench
{
    public const double Goal = 0.97;

    public static async Task<(BenchSection Section, IReadOnlyDictionary<string, double> BareRates)> RunAsync(BenchContext context)
    {
        var rows = new List<BenchRow>();
        var details = new List<string>
        {
            "| kernel | size | repeat | bare loop | cluster (coordinator wall) | cluster (client wall) | chain inside the silo | chain compute | job fixed " +
            "cost | bare ÷ cluster | bare ÷ chain | bare ÷ compute | bare on pool threads | pooled ÷ compute | GC pauses bare / cluster |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        };
        var data = new JsonObject();
        var rates = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (kernel, workload, fixedParameters, unitsPerStep) in new (string, string, Dictionary<string, string>, double)[]
        {
            ("hashchain", "hashchain", new() { ["seed"] = "616263" }, 1),
            ("eca", "eca", new() { ["rule"] = "110", ["width"] = "4096", ["init"] = "random", ["seed"] = "7", ["boundary"] = "ring" }, 4096),
        })
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var probe = BareLoop.Plan(workload, With(fixedParameters, "steps", "1000000000"));
            var stepsPerSecond = BareLoop.ChainRate(probe, Math.Min(0.3, context.Sizes.ChainSeconds));
            var steps = Math.Max(1000, (long)(stepsPerSecond * context.Sizes.ChainSeconds));
            var parameters = With(fixedParameters, "steps", Text(steps));
            var plan = BareLoop.Plan(workload, parameters);
            context.Say(F($"target 1: {kernel} pinned, {steps:N0} steps (≈ {context.Sizes.ChainSeconds:F2} s), {context.Sizes.Repeats} × (bare, cluster)"));
            await BenchJob.RunAsync(
                context.Client,
                workload,
                With(fixedParameters, "steps", Text(Math.Max(1000, steps / 20))),
                JobMode.Pinned,
                1,
                null,
                context.CancellationToken);
            var ratios = new List<double>();
            var clientRatios = new List<double>();
            var computeRatios = new List<double>();
            var pooledRatios = new List<double>();
            var bareTimes = new List<double>();
            var fixedCosts = new List<double>();
            var runs = new JsonArray();
            for (var repeat = 1; repeat <= context.Sizes.Repeats; repeat++)
            {
                // Odd pairs run bare first, even pairs the cluster first, so load that drifts during a pair cancels out.
                string bareResult;
                double bare;
                BenchJobResult cluster;
                (double PauseSeconds, int Collections) bareGc, clusterGc;
                if (repeat % 2 == 1)
                {
                    var watch = GcWatch.Start();
                    (bareResult, bare) = BareLoop.RunChain(plan);
                    bareGc = watch.Elapsed();
                    watch = GcWatch.Start();
                    cluster = await BenchJob.RunAsync(context.Client, workload, parameters, JobMode.Pinned, 1, bare, context.CancellationToken);
                    clusterGc = watch.Elapsed();
                }
                else
                {
                    var watch = GcWatch.Start();
                    cluster = await BenchJob.RunAsync(context.Client, workload, parameters, JobMode.Pinned, 1, Median(bareTimes), context.CancellationToken);
                    clusterGc = watch.Elapsed();
                    watch = GcWatch.Start();
                    (bareResult, bare) = BareLoop.RunChain(plan);
                    bareGc = watch.Elapsed();
                }

                if (!JsonNodesEqual(bareResult, cluster.ResultJson))
                {
                    throw new CliException(
                        ExitCodes.JobFailed,
                        $"bench: {kernel} gave different results in the bare loop and through the cluster: {bareResult} vs {cluster.ResultJson}");
                }

                bareTimes.Add(bare);
                var chainWall = cluster.Profile.StageProfiles.Sum(st => st.WallSeconds);
                var chainCompute = cluster.Profile.StageProfiles.Sum(st => st.WorkSeconds);
                computeRatios.Add(bare / chainCompute);

                // The same bare loop with its calls on pool threads, as a silo runs a chain's batches: separates where
                // a chain runs (which thread, which core the OS gives it) from what the cluster adds.
                var pooled = await BareLoop.RunChainOnPoolAsync(plan);
                pooledRatios.Add(pooled / chainCompute);
                fixedCosts.Add(cluster.WallSeconds - chainWall);
                ratios.Add(bare / cluster.WallSeconds);
                clientRatios.Add(bare / cluster.ClientSeconds);
                details.Add(
                    F($"| {kernel} | {steps:N0} steps | {repeat} | {Seconds(bare)} | {Seconds(cluster.WallSeconds)} | {Seconds(cluster.ClientSeconds)} | ") +
                        F($"{Seconds(chainWall)} | {Seconds(chainCompute)} | {(cluster.WallSeconds - chainWall) * 1e3:F1} ms | ") +
                        F($"{Ratio(bare / cluster.WallSeconds)} | {Ratio(bare / chainWall)} | {Ratio(bare / chainCompute)} | {Seconds(pooled)} | ") +
                        F($"{Ratio(pooled / chainCompute)} | {bareGc.PauseSeconds * 1e3:F1} ms ({bareGc.Collections}) / ") +
                        F($"{clusterGc.PauseSeconds * 1e3:F1} ms ({clusterGc.Collections}) |"));
                runs.Add(new JsonObject
                {
                    ["bareSeconds"] = bare,
                    ["clusterWallSeconds"] = cluster.WallSeconds,
                    ["clusterClientSeconds"] = cluster.ClientSeconds,
                    ["clusterWorkSeconds"] = cluster.Profile.WorkSeconds,
                    ["chainWallSeconds"] = chainWall,
                    ["chainComputeSeconds"] = chainCompute,
                    ["pooledBareSeconds"] = pooled,
                    ["bareGcPauseSeconds"] = bareGc.PauseSeconds,
                    ["clusterGcPauseSeconds"] = clusterGc.PauseSeconds,
                });
            }

            var ratio = Median(ratios);
            var bestBare = bareTimes.Min();
            rates[kernel] = steps * unitsPerStep / bestBare;
            rows.Add(new BenchRow(
                "1",
                kernel == "eca" ? "pinned eca (rule 110, width 4096) through the cluster ÷ bare loop" : "pinned hashchain through the cluster ÷ bare loop",
                F($"{Ratio(ratio)}× bare speed"),
                ratio / Goal,
                F($"≥ {Goal:F2}×"),
                F($"median of {ratios.Count} alternating pairs of {Seconds(Median(bareTimes))}; client-side wall: {Ratio(Median(clientRatios))}×; the ") +
                    F($"kernel's own time in the silo (batches alone): {Ratio(Median(computeRatios))}×; the bare loop on pool threads ÷ that: ") +
                    F($"{Ratio(Median(pooledRatios))}×; job fixed cost {Seconds(Median(fixedCosts))}")));
            data[kernel] = new JsonObject
            {
                ["steps"] = steps,
                ["ratio"] = ratio,
                ["clientRatio"] = Median(clientRatios),
                ["computeRatio"] = Median(computeRatios),
                ["pooledRatio"] = Median(pooledRatios),
                ["fixedCostSeconds"] = Median(fixedCosts),
                ["unitsPerSecond"] = rates[kernel],
                ["runs"] = runs,
            };
        }

        details.Add(string.Empty);
        details.Add(
            "Coordinator wall: the job's profile, from submission to result (planning, the cost model, the grain call, the chain in batches, the result). " +
            "Client wall: submit to the poll that saw the job finished (every 50 ms until the bare loop's time, then every 5 ms). Chain inside the silo: the " +
            "pinned run's own wall on the serial silo (batches, progress reports); chain compute: the sum of its batches' own times (the kernel alone, no " +
            "gaps between batches); job fixed cost = coordinator wall − that, what a job costs whatever its length. Bare on pool threads: the bare loop " +
            "again right after the pair, each of its 64 calls a thread-pool work item (as a silo runs batches); pooled ÷ compute compares it with the " +
            "chain's kernel time in the silo. GC pauses: the time this process's garbage collections stopped every thread during the bare loop and during " +
            "the cluster job (collections in brackets).");
        return (new BenchSection("1. Serial overhead", rows, details, data), rates);
    }

    private static Dictionary<string, string> With(Dictionary<string, string> parameters, string key, string value) =>
        new(parameters, StringComparer.Ordinal) { [key] = value };

    private static bool JsonNodesEqual(string a, string b) => JsonNode.DeepEquals(JsonNode.Parse(a), JsonNode.Parse(b));
}
