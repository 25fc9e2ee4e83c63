using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Cli.Jobs;

/// <summary>
/// Runs a cluster's job path once before its users do: a fresh process compiles the coordinator, the planner, the cost
/// model, both dispatchers, the chain and worker grains and their wire types on first use, which made a fresh cluster's
/// first job take hundreds of times a warm one's fixed cost. Three tiny jobs — a chain pinned, the same chain scattered, a
/// fan-out over two tasks — each marked <see cref="JobSpec.WarmUp"/> (no metric, no cost history) and deleted when done.
/// </summary>
public static class JobPathWarmup
{
    private static readonly (string Workload, JobMode Mode, string[] Parameters)[] Jobs =
    [
        ("hashchain", JobMode.Pinned, ["steps=1000"]),
        ("hashchain", JobMode.Scatter, ["steps=1000"]),
        ("montecarlo", JobMode.Scatter, ["samples=2000", "tasks=2"]),
    ];

    /// <summary>How many jobs a warm-up runs.</summary>
    public static int JobCount => Jobs.Length;

    /// <summary>Runs the warm-up jobs one after another; a job that fails is reported and the rest still run.</summary>
    /// <returns>A line for each job that did not complete (none when the path is warm).</returns>
    public static async Task<IReadOnlyList<string>> RunAsync(IClusterClient client, CancellationToken cancellationToken)
    {
        var runner = new JobRunner(client);
        var problems = new List<string>();
        foreach (var (name, mode, parameters) in Jobs)
        {
            var workload = WorkloadCatalog.Get(name);
            var (_, plan) = ParameterArguments.ParseAndPlan(workload, parameters);
            var spec = new JobSpec(
                workload.Name, new Dictionary<string, string>(plan.Parameters.Canonical, StringComparer.Ordinal), mode, Parallelism: 2, WarmUp: true);
            var status = await runner.RunAsync(spec, static (_, _, _) => { }, cancellationToken);
            if (status.State != JobState.Completed)
            {
                problems.Add($"warm-up job {status.JobId} ({name}, {mode.ToString().ToLowerInvariant()}) ended {status.State}: {status.Error}");
            }

            await client.GetGrain<IJobGrain>(status.JobId).DeleteAsync();
        }

        return problems;
    }
}
