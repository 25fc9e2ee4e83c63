using System.Text.Json;
using System.Text.Json.Nodes;
using SerialCluster.Abstractions.Jobs;

namespace SerialCluster.Cli.Output;

/// <summary>
/// The one JSON document <c>run --json</c> prints: jobId, workload, parameters, mode, parallelism, result, profile (and,
/// added by <c>run</c>, load: <see cref="LoadDocument"/>); for a job that did not complete, <see cref="Failure"/>.
/// </summary>
public static class JobDocument
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
    };

    public static JsonObject Build(JobStatus status)
    {
        var spec = status.Spec ?? throw new InvalidOperationException("A finished job carries its spec.");
        return new JsonObject
        {
            ["jobId"] = status.JobId,
            ["workload"] = spec.Workload,
            ["parameters"] = JsonSerializer.SerializeToNode(new SortedDictionary<string, string>(spec.Parameters, StringComparer.Ordinal), Options),
            ["mode"] = spec.Mode.ToString().ToLowerInvariant(),
            ["parallelism"] = status.Profile?.ParallelismCap ?? spec.Parallelism,
            ["result"] = status.ResultJson is null ? null : JsonNode.Parse(status.ResultJson),
            ["profile"] = status.Profile is null ? null : JsonSerializer.SerializeToNode(status.Profile, Options),
        };
    }

    /// <summary>
    /// What <c>run --json</c> prints for a job that was accepted but did not complete (failed, cancelled, lost, or its
    /// cluster stopped answering): its id, the state last seen, the error and the exit code the command returns.
    /// </summary>
    public static JsonObject Failure(string jobId, string state, string? error, int exitCode) => new()
    {
        ["jobId"] = jobId,
        ["state"] = state,
        ["error"] = error,
        ["exitCode"] = exitCode,
    };

    public static string Serialize(JsonNode node) => node.ToJsonString(Options);
}
