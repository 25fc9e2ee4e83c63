using System.Text.Json;
using System.Text.Json.Nodes;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Analysis.Caveats;
using SerialCluster.Cli.Output;

namespace SerialCluster.Cli.Reports;

/// <summary>Where report and whatif get a job: a saved <c>run --json</c> (or <c>sweep --json</c>) document, or a cluster that stores jobs.</summary>
public static class JobSource
{
    /// <summary>Reads a JSON document from a file; one clear line naming the file when it cannot.</summary>
    public static JsonObject ReadDocument(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.BadInput, $"--from '{path}' cannot be read: {e.Message}", e);
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject
                ?? throw new CliException(ExitCodes.BadInput, $"--from '{path}' is not a JSON object; expected the output of `run --json` or `sweep --json`");
        }
        catch (JsonException e)
        {
            throw new CliException(ExitCodes.BadInput, $"--from '{path}' is not JSON ({e.Message}); expected the output of `run --json` or `sweep --json`", e);
        }
    }

    /// <summary>A sweep document carries its per-P points; a run document its profile.</summary>
    public static bool IsSweep(JsonObject document) => document.ContainsKey("points") && document.ContainsKey("runs");

    /// <summary>The job of a <c>run --json</c> document.</summary>
    public static MeasuredJob FromRunDocument(JsonObject document, string origin)
    {
        JobProfile? profile;
        try
        {
            profile = document["profile"]?.Deserialize<JobProfile>(JobDocument.Options);
        }
        catch (JsonException e)
        {
            throw new CliException(ExitCodes.BadInput, $"{origin}: its profile does not read as a job profile ({e.Message})", e);
        }

        if (profile is null || document["workload"] is null)
        {
            throw new CliException(ExitCodes.BadInput, $"{origin} has no workload and profile; expected the output of `run --json`");
        }

        var parameters = document["parameters"]?.Deserialize<Dictionary<string, string>>(JobDocument.Options) ?? [];
        return new MeasuredJob(
            document["jobId"]?.GetValue<string>() ?? "(unknown)",
            document["workload"]!.GetValue<string>(),
            parameters,
            document["mode"]?.GetValue<string>() ?? "scatter",
            document["parallelism"]?.GetValue<int>() ?? profile.ParallelismCap,
            profile);
    }

    /// <summary>A finished job from a cluster that stores jobs (its silos' job storage).</summary>
    public static async Task<(MeasuredJob Job, JobStatus Status)> FetchAsync(IClusterClient client, string jobId, CancellationToken cancellationToken)
    {
        var status = await client.GetGrain<IJobGrain>(jobId).GetStatusAsync().WaitAsync(cancellationToken);
        if (status.State == JobState.Unknown)
        {
            throw new CliException(ExitCodes.JobNotFound, $"job '{jobId}' is not known to this cluster (ids look like j-0123456789ab; `run` prints them)");
        }

        if (status.State != JobState.Completed || status.Profile is null || status.Spec is null)
        {
            throw new CliException(
                ExitCodes.JobNotFound,
                $"job '{jobId}' has no measured profile: it is " +
                $"{status.State.ToString().ToLowerInvariant()}{(status.Error is null ? string.Empty : ": " + status.Error)}");
        }

        var job = new MeasuredJob(
            status.JobId, status.Spec.Workload, status.Spec.Parameters, status.Spec.Mode.ToString().ToLowerInvariant(), status.Profile.ParallelismCap,
            status.Profile, RecordedLoad(status.Profile));
        return (job, status);
    }

    /// <summary>Other programs' load as the coordinator read it when the job started and ended; null for older profiles.</summary>
    public static LoadDuringRun? RecordedLoad(JobProfile profile) =>
        profile.ForeignCoresBefore is null && profile.ForeignCoresAfter is null
            ? null
            : new LoadDuringRun(profile.ForeignCoresBefore, profile.ForeignCoresAfter, profile.MachineCores ?? Environment.ProcessorCount);
}
