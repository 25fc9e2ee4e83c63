using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using SerialCluster.Workloads.Execution;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Randomness;
using SerialCluster.Workloads.Refine;

namespace SerialCluster.Workloads.Tests.Refine;

/// <summary>
/// Rounds and the correctness curve against what the constructions guarantee, and the final values against a plain
/// sequential loop written here with BigInteger arithmetic (x_i = x_{i−1}² + a_i, or a_i·x_{i−1} + b_i, mod p).
/// </summary>
public sealed class RefineWorkloadTests
{
    private static readonly BigInteger P = (BigInteger.One << 61) - 1;

    [Theory]
    [InlineData(2, 1, 1)]
    [InlineData(37, 4, 3)]
    [InlineData(300, 8, 5)]
    public void NonlinearChainNeedsExactlyOneRoundPerPosition(int length, int tasks, long seed)
    {
        var result = RunEveryWay(Parameters(length, "nonlinear", tasks, seed));
        Assert.Equal(length, result["roundsUsed"]!.GetValue<int>());
        Assert.True(result["converged"]!.GetValue<bool>());
        Assert.Equal(Enumerable.Range(0, length + 1).Select(r => (long)r), Curve(result));
        Assert.Equal(Sequential(length, seed, associative: false), Values(result));
    }

    [Theory]
    [InlineData(2, 1, 1, 1)]
    [InlineData(37, 4, 3, 6)]
    [InlineData(1000, 8, 5, 10)]
    [InlineData(1024, 3, 9, 10)]
    [InlineData(1025, 5, 9, 11)]
    public void PointerJumpingNeedsCeilingLog2Rounds(int length, int tasks, long seed, int rounds)
    {
        var result = RunEveryWay(Parameters(length, "associative", tasks, seed));
        Assert.Equal(rounds, result["roundsUsed"]!.GetValue<int>());
        Assert.Equal(rounds, (int)Math.Ceiling(Math.Log2(length)));
        Assert.True(result["converged"]!.GetValue<bool>());
        Assert.Equal(Enumerable.Range(0, rounds + 1).Select(r => Math.Min(length, 1L << r)), Curve(result));
        Assert.Equal(Sequential(length, seed, associative: true), Values(result));
    }

    [Fact]
    public void TooFewRoundsLeaveTheNonlinearChainUnfinished()
    {
        var parameters = Parameters(500, "nonlinear", 4, 2);
        parameters["rounds"] = "100";
        var result = RunEveryWay(parameters);
        Assert.Equal(100, result["roundsUsed"]!.GetValue<int>());
        Assert.False(result["converged"]!.GetValue<bool>());
        Assert.Equal(100L, Curve(result)[^1]);
        var expected = Sequential(500, 2, associative: false);
        Assert.Equal(expected.Take(100), Values(result).Take(100));
        Assert.NotEqual(expected[^1], Values(result)[^1]);
    }

    [Fact]
    public void DigestAndLastCoverEveryValueOfALongChain()
    {
        const int length = 5000;
        var parameters = Parameters(length, "associative", 7, 4);
        var result = RunEveryWay(parameters);
        Assert.Null(result["values"]);
        var expected = Sequential(length, 4, associative: true);
        var digest = expected.Select((v, i) => (i + 1) * (BigInteger)v).Aggregate(BigInteger.Zero, (a, b) => a + b) % P;
        Assert.Equal((ulong)digest, result["digest"]!.GetValue<ulong>());
        Assert.Equal(expected[^1], result["last"]!.GetValue<ulong>());
    }

    [Theory]
    [InlineData("length", "1", "an integer from 2 to 1,048,576")]
    [InlineData("step", "linear", "one of nonlinear, associative")]
    [InlineData("rounds", "4097", "an integer from 1 to 4,096")]
    [InlineData("tasks", "20", "at most length = 10")]
    public void BadParametersAreRefusedByName(string name, string value, string allowed)
    {
        var raw = new Dictionary<string, string> { ["length"] = "10", [name] = value };
        var error = Assert.Throws<InvalidParameterException>(() => new RefineWorkload().Plan(raw));
        Assert.Equal(name, error.Parameter);
        Assert.Contains(allowed, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PlanListsEveryRoundUpToTheCapAndDefaultsFitTheLength()
    {
        var plan = new RefineWorkload().Plan(new Dictionary<string, string> { ["length"] = "1000", ["tasks"] = "3" });
        Assert.Equal(1000, plan.Stages.Count);
        Assert.Equal(1000L * 1000, plan.Work);
        Assert.Equal(1000L * 334, plan.Span);
        var defaults = new RefineWorkload().Validate(new Dictionary<string, string> { ["length"] = "5" });
        Assert.Equal(5, defaults.GetInteger("rounds"));
        Assert.Equal(5, defaults.GetInteger("tasks"));
        var longest = new RefineWorkload().Validate(new Dictionary<string, string> { ["length"] = "1048576" });
        Assert.Equal(RefineWorkload.MaxRounds, longest.GetInteger("rounds"));
    }

    private static JsonObject RunEveryWay(Dictionary<string, string> parameters)
    {
        var plan = new RefineWorkload().Plan(parameters);
        var reference = LocalPlanRunner.Run(plan, 1).Result.ToJsonString();
        foreach (var parallelism in new[] { 2, 4 })
        {
            Assert.Equal(reference, LocalPlanRunner.Run(new RefineWorkload().Plan(parameters), parallelism).Result.ToJsonString());
        }

        var whole = LocalPlanRunner.Run(new RefineWorkload().Plan(parameters), preferWholeChain: true);
        Assert.True(whole.RanWholeChain);
        Assert.Equal(reference, whole.Result.ToJsonString());
        var oneTask = new Dictionary<string, string>(parameters) { ["tasks"] = "1" };
        Assert.Equal(reference, LocalPlanRunner.Run(new RefineWorkload().Plan(oneTask), 1).Result.ToJsonString());
        return JsonNode.Parse(reference)!.AsObject();
    }

    private static Dictionary<string, string> Parameters(int length, string step, int tasks, long seed) => new()
    {
        ["length"] = length.ToString(CultureInfo.InvariantCulture),
        ["step"] = step,
        ["tasks"] = tasks.ToString(CultureInfo.InvariantCulture),
        ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
    };

    private static long[] Curve(JsonObject result) => [.. result["correctPerRound"]!.AsArray().Select(v => v!.GetValue<long>())];

    private static ulong[] Values(JsonObject result) => [.. result["values"]!.AsArray().Select(v => v!.GetValue<ulong>())];

    // The chain as the workload documents it, one step after the other: a_i, b_i from SplitMix64 outputs 2i and 2i + 1.
    private static ulong[] Sequential(int length, long seed, bool associative)
    {
        var s = (ulong)seed;
        var x = (BigInteger)(SplitMix64.At(s, 2 * (ulong)length) % (ulong)P);
        var values = new ulong[length];
        for (var i = 0; i < length; i++)
        {
            var a = (BigInteger)(SplitMix64.At(s, 2 * (ulong)i) % (ulong)P);
            var b = (BigInteger)(SplitMix64.At(s, (2 * (ulong)i) + 1) % (ulong)P);
            x = associative ? (((a | 1) * x) + b) % P : ((x * x) + a) % P;
            values[i] = (ulong)x;
        }

        return values;
    }
}
