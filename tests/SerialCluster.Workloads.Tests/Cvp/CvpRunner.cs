using System.Text.Json.Nodes;
using SerialCluster.Workloads.Cvp;
using SerialCluster.Workloads.Execution;

namespace SerialCluster.Workloads.Tests.Cvp;

/// <summary>Compiles and runs cvp jobs in-process for the tests.</summary>
internal static class CvpRunner
{
    public static CvpPlan Plan(Dictionary<string, string> parameters) => (CvpPlan)new CvpWorkload().Plan(parameters);

    public static JsonObject Run(Dictionary<string, string> parameters, int parallelism = 1, bool wholeChain = false) =>
        LocalPlanRunner.Run(Plan(parameters), parallelism, preferWholeChain: wholeChain).Result;

    /// <summary>Runs staged at parallelism 1 and 4 and as the whole chain; asserts all three agree and returns the result.</summary>
    public static JsonObject RunEveryWay(Dictionary<string, string> parameters)
    {
        var whole = Run(parameters, wholeChain: true);
        var serial = Run(parameters, parallelism: 1);
        var parallel = Run(parameters, parallelism: 4);
        Assert.Equal(whole.ToJsonString(), serial.ToJsonString());
        Assert.Equal(whole.ToJsonString(), parallel.ToJsonString());
        return whole;
    }

    public static string Outputs(JsonObject result) => result["outputs"]!.GetValue<string>();
}
