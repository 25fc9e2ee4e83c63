using System.Globalization;
using System.Text.Json.Nodes;
using SerialCluster.Workloads.Cvp;
using SerialCluster.Workloads.Do1;
using SerialCluster.Workloads.Execution;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Randomness;

namespace SerialCluster.Workloads.Tests.Do1;

/// <summary>
/// do1 on hand-built circuits whose regrets are worked out below from the game's rules, and on generated circuits against what the
/// construction guarantees: regret never rises with the agent's depth, it is 0 from d = D on, and the exact agent earns the circuit's value.
/// </summary>
public sealed class Do1WorkloadTests
{
    // y = OR(AND(OR(x1, x2), x3), x4). Dual rail (all positive rails): g1 = OR on level 2 over one-input carriers of x1, x2 on level 1;
    // g2 = AND on level 3 over g1 and x3's carrier; y = OR on level 4 over g2 and x4's carrier (levels 1–3). D = 4.
    private const string Chain = "INPUT(x1)\nINPUT(x2)\nINPUT(x3)\nINPUT(x4)\nOUTPUT(y)\ng1 = OR(x1, x2)\ng2 = AND(g1, x3)\ny = OR(g2, x4)\n";

    private static JsonObject Run(int parallelism, params (string Name, string Value)[] parameters)
    {
        var raw = parameters.ToDictionary(p => p.Name, p => p.Value);
        return LocalPlanRunner.Run(new Do1Workload().Plan(raw), parallelism).Result;
    }

    private static long[] Lost(JsonObject result) => [.. result["lostEpisodes"]!.AsArray().Select(n => n!.GetValue<long>())];

    [Fact]
    public void RegretStaysUntilTheAgentReachesTheTopOfTheChain()
    {
        // x = 1001: g1 = 1, g2 = AND(1, 0) = 0, y = OR(0, 1) = 1. Below level 4 an agent guesses y's first input, g2 (value 0): the
        // environment then takes g2's first 0 input, x3, and the agent ends on 0. Only d = 4 sees that g2 = 0 and takes x4: lost 1,1,1,1,0.
        var result = Run(1, ("circuit", Chain), ("inputs", "1001"));
        Assert.Equal(4, result["depth"]!.GetValue<int>());
        Assert.Equal([1, 1, 1, 1, 0], Lost(result));
        Assert.Equal(4, result["regretFreeFrom"]!.GetValue<int>());
        Assert.Equal(1.0, result["optimalReturn"]!.GetValue<double>());
    }

    [Fact]
    public void RegretEndsWhereTheWrongGuessLies()
    {
        // x = 0110: g1 = OR(0, 1) = 1, g2 = AND(1, 1) = 1, y = 1. A guess of g2 at the top is right; the environment takes g2's first
        // input (all are 1), g1 on level 2, where agents below depth 2 guess x1 (0) and lose; d ≥ 2 take x2: lost 1,1,0,0,0.
        // Together with 1001 (1,1,1,1,0): 2,2,1,1,0 of 2 episodes.
        var result = Run(2, ("circuit", Chain), ("inputs", "0110,1001"), ("tasks", "3"));
        Assert.Equal([2, 2, 1, 1, 0], Lost(result));
        Assert.Equal(new[] { 1.0, 1.0, 0.5, 0.5, 0.0 }, result["regret"]!.AsArray().Select(n => n!.GetValue<double>()));
        Assert.Equal(2, result["episodes"]!.GetValue<long>());
    }

    [Fact]
    public void AnOutputOfValueZeroCostsNothing()
    {
        // x = 0000: every gate is 0, so no agent can earn more than the exact one, 0; a circuit of one AND gate gives the agent no choice.
        Assert.Equal([0, 0, 0, 0, 0], Lost(Run(1, ("circuit", Chain), ("inputs", "0000"))));
        var and = Run(1, ("circuit", "INPUT(a)\nINPUT(b)\nOUTPUT(y)\ny = AND(a, b)\n"), ("inputs", "11,10,01"));
        Assert.Equal(1, and["depth"]!.GetValue<int>());
        Assert.Equal([0, 0], Lost(and));
        Assert.Equal(1.0 / 3, and["optimalReturn"]!.GetValue<double>(), 12);
    }

    [Theory]
    [InlineData("first", 1L)]
    [InlineData("coin", 1L)]
    [InlineData("first", 9L)]
    [InlineData("coin", 9L)]
    public void RegretNeverRisesWithDepthAndIsZeroFromTheCircuitsDepth(string guess, long seed)
    {
        var result = Run(2, ("layers", "10"), ("width", "24"), ("seed", Text(seed)), ("instances", "24"), ("guess", guess));
        var lost = Lost(result);
        var depth = result["depth"]!.GetValue<int>();
        Assert.Equal(depth + 1, lost.Length);
        for (var d = 1; d < lost.Length; d++)
        {
            Assert.True(lost[d] <= lost[d - 1], $"regret rose from d = {d - 1} ({lost[d - 1]}) to d = {d} ({lost[d]})");
        }

        Assert.Equal(0, lost[depth]);
        Assert.True(lost[0] > 0, "an agent that evaluates nothing should lose some episode of 24 × 24");
        Assert.InRange(result["regretFreeFrom"]!.GetValue<int>(), 1, depth);
    }

    [Fact]
    public void TheExactAgentEarnsTheOriginalCircuitsValue()
    {
        // The original (not dual-rail) layered circuit evaluated by the netlist for each drawn instance: the fraction of output ones.
        var circuit = LayeredCircuitGenerator.Generate(6, 20, 5);
        var ones = 0;
        for (var k = 0; k < 10; k++)
        {
            var inputs = new byte[20];
            for (var i = 0; i < 20; i++)
            {
                inputs[i] = (byte)(SplitMix64.At(5, (ulong)((k * 20) + i)) & 1);
            }

            var values = circuit.Evaluate(inputs);
            foreach (var output in circuit.Outputs)
            {
                ones += values[output];
            }
        }

        var result = Run(1, ("layers", "6"), ("width", "20"), ("seed", "5"), ("instances", "10"));
        Assert.Equal(ones / 200.0, result["optimalReturn"]!.GetValue<double>(), 12);
        Assert.Equal(120, result["originalGates"]!.GetValue<int>());
        Assert.Equal(6, result["originalDepth"]!.GetValue<int>());
    }

    [Fact]
    public void ResultsDoNotDependOnTheSplitOrTheParallelism()
    {
        var reference = Run(1, ("guess", "coin"), ("tasks", "1")).ToJsonString();
        foreach (var (tasks, parallelism) in new[] { (2, 2), (7, 4), (256, 3) })
        {
            Assert.Equal(reference, Run(parallelism, ("guess", "coin"), ("tasks", Text(tasks))).ToJsonString());
        }
    }

    [Fact]
    public void WorkCountsEachAgentsOwnEvaluationAndMoves()
    {
        // 10 gates: level 1 carries x1..x4, level 2 holds g1 and x3's and x4's carriers, level 3 g2 and x4's carrier, level 4 y. Agents
        // d = 0..4 evaluate 0, 0, 4, 7, 9 gates (the levels below d) and make 5 moves per instance (y's level, 4, plus the reward's read).
        var plan = new Do1Workload().Plan(new Dictionary<string, string> { ["circuit"] = Chain, ["inputs"] = "0110,1001", ["tasks"] = "5" });
        Assert.Equal(10, ((Do1Plan)plan).Circuit.Monotone.GateCount);
        Assert.Equal((2 * 10) + (2 * ((0 + 0 + 4 + 7 + 9) + (5 * 5))), plan.Work);
        Assert.Equal(10 + (2 * (9 + 5)), plan.Span);
    }

    [Theory]
    [InlineData("inputs", "10x1", "'0'/'1'")]
    [InlineData("inputs", "101", "exactly 4 bits")]
    [InlineData("circuit", "INPUT(a)\nOUTPUT(y)\ny = FOO(a)\n", ".bench")]
    [InlineData("width", "1024", "layers × width")]
    public void BadInputIsRefusedNamingTheParameter(string parameter, string value, string allowedMentions)
    {
        var raw = new Dictionary<string, string> { ["layers"] = "512", [parameter] = value };
        if (parameter == "inputs")
        {
            raw["circuit"] = Chain;
        }

        var error = Assert.Throws<InvalidParameterException>(() => new Do1Workload().Plan(raw));
        Assert.Equal(parameter, error.Parameter);
        Assert.Contains(allowedMentions, error.Message, StringComparison.Ordinal);
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
