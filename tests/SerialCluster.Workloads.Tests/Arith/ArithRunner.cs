using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using SerialCluster.Workloads.Arith;
using SerialCluster.Workloads.Execution;

namespace SerialCluster.Workloads.Tests.Arith;

/// <summary>Runs arith jobs in this process, pinned (the whole chain) or staged at a given parallelism.</summary>
internal static class ArithRunner
{
    public static readonly BigInteger P = (BigInteger.One << 61) - 1;

    public static JsonObject Run(Dictionary<string, string> parameters, int parallelism = 1, bool whole = false) =>
        LocalPlanRunner.Run(new ArithWorkload().Plan(parameters), parallelism, preferWholeChain: whole).Result;

    /// <summary>The result pinned, after checking it equals the staged result at P = 1, 2 and 4 byte for byte.</summary>
    public static JsonObject RunEveryWay(Dictionary<string, string> parameters)
    {
        var pinned = Run(parameters, whole: true);
        foreach (var parallelism in new[] { 1, 2, 4 })
        {
            Assert.Equal(pinned.ToJsonString(), Run(parameters, parallelism).ToJsonString());
        }

        return pinned;
    }

    public static ulong[] Outputs(JsonObject result) => [.. result["outputs"]!.AsArray().Select(v => v!.GetValue<ulong>())];

    public static Dictionary<string, string> Text(string circuit, IEnumerable<BigInteger> inputs, int tasks = 4, int grain = 1) => new()
    {
        ["circuit"] = circuit,
        ["inputs"] = string.Join(",", inputs.Select(v => v.ToString(CultureInfo.InvariantCulture))),
        ["tasks"] = tasks.ToString(CultureInfo.InvariantCulture),
        ["grain"] = grain.ToString(CultureInfo.InvariantCulture),
    };

    public static Dictionary<string, string> Generated(int depth, int width, int fanIn, string degree, long seed = 7, int tasks = 4, int grain = 4) => new()
    {
        ["depth"] = depth.ToString(CultureInfo.InvariantCulture),
        ["width"] = width.ToString(CultureInfo.InvariantCulture),
        ["fanIn"] = fanIn.ToString(CultureInfo.InvariantCulture),
        ["degree"] = degree,
        ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
        ["tasks"] = tasks.ToString(CultureInfo.InvariantCulture),
        ["grain"] = grain.ToString(CultureInfo.InvariantCulture),
    };
}
