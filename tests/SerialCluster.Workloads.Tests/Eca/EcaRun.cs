using System.Text.Json.Nodes;
using SerialCluster.Workloads.Eca;
using SerialCluster.Workloads.Execution;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.Tests.Eca;

/// <summary>Runs the eca workload from "name=value" pairs, staged at some parallelism or as pinned mode's whole chain.</summary>
internal static class EcaRun
{
    public static WorkloadPlan Plan(string parameters) => new EcaWorkload().Plan(Parse(parameters));

    public static JsonObject Staged(string parameters, int parallelism = 1) => LocalPlanRunner.Run(Plan(parameters), parallelism).Result;

    public static JsonObject Whole(string parameters) => LocalPlanRunner.Run(Plan(parameters), preferWholeChain: true).Result;

    public static long Population(JsonObject result) => result["population"]!.GetValue<long>();

    public static string Sha(JsonObject result) => result["rowSha256"]!.GetValue<string>();

    public static string Column(JsonObject result) => result["centerColumn"]!.GetValue<string>();

    public static Dictionary<string, string> Parse(string parameters) =>
        parameters.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1]);
}
