using SerialCluster.Abstractions.Jobs;
using SerialCluster.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SerialCluster.Integration.Tests.Reliability;

/// <summary>
/// Not a test of a figure: a measurement scripts/reliability.sh runs (SERIALCLUSTER_MEASURE=1) to print what
/// checkpoints cost at the default K, for chains with small and large states, on real silos and a real redis-server.
/// It checks only that each job's result is right; the ratio goes to docs/RELIABILITY.md.
/// </summary>
[Trait("Category", "Integration")]
[Trait("Category", "Measurement")]
[Collection(ProcessCollection.Name)]
public sealed class CheckpointOverheadMeasurement(ITestOutputHelper output)
{
    private static readonly (string Workload, Dictionary<string, string> Parameters, string State)[] Chains =
    [
        ("hashchain", new() { ["seed"] = "6f76657268656164", ["steps"] = "120000000" }, "32 B"),
        ("timelock", new() { ["x"] = "3", ["t"] = "4000000" }, "256 B"),
        ("nbody", new()
        {
            ["preset"] = "random", ["n"] = "3000", ["seed"] = "7", ["integrator"] = "verlet", ["dt"] = "0.001", ["steps"] = "600", ["softening"] = "0.05",
        }, "~240 KB"),
        ("eca", new() { ["rule"] = "110", ["steps"] = "500000", ["width"] = "4000000", ["init"] = "random", ["seed"] = "5", ["strips"] = "4" }, "~500 KB"),
    ];

    [SkippableFact]
    public async Task CheckpointCostAtTheDefaultKIsMeasuredPerChain()
    {
        Skip.IfNot(
            Environment.GetEnvironmentVariable("SERIALCLUSTER_MEASURE") == "1",
            "a measurement: scripts/reliability.sh runs it (SERIALCLUSTER_MEASURE=1)");
        await using var cluster = await FaultCluster.StartAsync();
        foreach (var (workload, parameters, state) in Chains)
        {
            var reference = FaultTests.Reference(workload, parameters);
            var job = await WatchedJob.SubmitAsync(cluster, workload, parameters, JobMode.Pinned, 1);
            var status = await job.WaitForEndAsync(FaultCluster.Deadline);
            Assert.True(status.State == JobState.Completed, $"{workload}: {status.State} {status.Error}");
            Assert.Equal(reference, status.ResultJson);
            var r = await job.Grain.GetReliabilityAsync();
            var share = r.CheckpointSeconds / Math.Max(1e-9, r.ChainComputeSeconds);
            output.WriteLine(
                $"CKPT {workload} (state {state}): {r.Checkpoints} checkpoints at K = {r.CheckpointSteps} steps, writing {r.CheckpointSeconds * 1000:F1} ms " +
                $"({r.CheckpointSeconds * 1000 / Math.Max(1, r.Checkpoints):F2} ms each) beside {r.ChainComputeSeconds:F2} s of compute: {100 * share:F3}%");
        }
    }
}
