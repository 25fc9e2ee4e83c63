using System.Diagnostics;
using System.Globalization;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Cli.Jobs;

namespace SerialCluster.Cli.Bench;

/// <summary>
/// Runs one job for the bench and times it twice: the coordinator's own wall time (the profile's, submission to
/// result) and the client's (submit to the poll that saw it finish). Polls every 50 ms until the expected end, then
/// every 5 ms: a poll is a round trip through the gateway to the coordinator, and polling every millisecond took a
/// measurable share of the cores the job itself runs on.
/// </summary>
public static class BenchJob
{
    private static readonly TimeSpan SparsePoll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan TightPoll = TimeSpan.FromMilliseconds(5);

    public static async Task<BenchJobResult> RunAsync(
        IClusterClient client, string workload, IReadOnlyDictionary<string, string> parameters, JobMode mode, int parallelism,
        double? expectedSeconds, CancellationToken cancellationToken)
    {
        var spec = new JobSpec(workload, new Dictionary<string, string>(parameters, StringComparer.Ordinal), mode, parallelism);
        var job = client.GetGrain<IJobGrain>(JobRunner.NewJobId());
        var start = Stopwatch.GetTimestamp();
        var status = await job.SubmitAsync(spec);
        if (status.State == JobState.Rejected)
        {
            throw new CliException(ExitCodes.JobFailed, $"bench: the cluster refused {workload}: {status.Error}");
        }

        var tightFrom = expectedSeconds ?? 0;
        while (!status.IsFinished)
        {
            var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
            await Task.Delay(
                expectedSeconds is null || elapsed >= tightFrom ? (expectedSeconds is null ? SparsePoll : TightPoll) : SparsePoll,
                cancellationToken);
            status = await job.GetStatusAsync();
        }

        var clientSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        if (status.State != JobState.Completed || status.Profile is null || status.ResultJson is null)
        {
            throw new CliException(ExitCodes.JobFailed, $"bench: {workload} ({Describe(parameters)}) failed: {status.Error}");
        }

        return new BenchJobResult(status.Profile, status.ResultJson, clientSeconds);
    }

    private static string Describe(IReadOnlyDictionary<string, string> parameters) =>
        string.Join(", ", parameters.Where(p => p.Value.Length < 40).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}={p.Value}")));
}
