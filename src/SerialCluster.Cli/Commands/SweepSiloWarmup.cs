using System.Globalization;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Cli.Jobs;

namespace SerialCluster.Cli.Commands;

/// <summary>
/// A sweep's warm-up on every silo: each active silo coordinates the swept job once (<see cref="Grains.Placement.CoordinatorSilo"/>)
/// at the sweep's highest P, before anything is measured. A silo's first job compiles the job path and the workload's
/// code at that silo's own speed (seconds on a quarter-core silo), and coordinators land on any silo. Each job is marked
/// <see cref="JobSpec.WarmUp"/> and deleted when done.
/// </summary>
public static class SweepSiloWarmup
{
    /// <summary>Runs <paramref name="jobs"/> coordinated by each active silo in turn; returns how many silos were warmed.</summary>
    public static async Task<int> RunAsync(IClusterClient client, IReadOnlyList<JobSpec> jobs, Action<string> log, CancellationToken cancellationToken)
    {
        var hosts = await client.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true).WaitAsync(cancellationToken);
        foreach (var host in hosts.OrderBy(h => h.SiloName, StringComparer.Ordinal))
        {
            var runner = new JobRunner(client) { Coordinator = host.SiloAddress };
            foreach (var job in jobs)
            {
                var status = await runner.RunAsync(job with { WarmUp = true }, static (_, _, _) => { }, cancellationToken);
                if (status.State != JobState.Completed)
                {
                    throw new CliException(ExitCodes.JobFailed, $"warm-up job {status.JobId} coordinated by {host.SiloName} failed: {status.Error}");
                }

                await client.GetGrain<IJobGrain>(status.JobId).DeleteAsync();
                log(string.Create(
                    CultureInfo.InvariantCulture,
                    $"warm-up on {host.SiloName}: {job.Workload} ({job.Mode.ToString().ToLowerInvariant()}, P={job.Parallelism}) " +
                    $"{status.Profile?.WallSeconds ?? double.NaN:F3} s, not measured"));
            }
        }

        return hosts.Length;
    }
}
