using System.Globalization;
using SerialCluster.Workloads.Cvp;

namespace SerialCluster.Workloads.Tests.Cvp;

public sealed class DualRailTests
{
    [Fact]
    public void C17DualRailOutputsEqualTheOriginalOnAll32Inputs()
    {
        for (var k = 0; k < 32; k++)
        {
            var inputs = Convert.ToString(k, 2).PadLeft(5, '0');
            var original = CvpRunner.Run(new() { ["circuit"] = BenchCircuits.C17, ["inputs"] = inputs });
            var dual = CvpRunner.RunEveryWay(new() { ["circuit"] = BenchCircuits.C17, ["inputs"] = inputs, ["transform"] = "dualrail", ["grain"] = "1" });
            Assert.Equal(CvpRunner.Outputs(original), CvpRunner.Outputs(dual));
            Assert.Equal(6, dual["gates"]!.GetValue<int>());
            Assert.Equal(3, dual["depth"]!.GetValue<int>());
            Assert.InRange(dual["depthOfOnes"]!.GetValue<int>(), 0, dual["monotoneDepth"]!.GetValue<int>());
        }
    }

    [Fact]
    public void AdderAndMultiplierStillComputeArithmeticInDualRail()
    {
        var random = new Random(2);
        var adder = BenchCircuits.RippleAdder(16);
        var multiplier = BenchCircuits.ArrayMultiplier(8);
        for (var i = 0; i < 6; i++)
        {
            ulong a = (ulong)random.Next(1 << 16), b = (ulong)random.Next(1 << 16);
            var sum = CvpRunner.RunEveryWay(
                new() { ["circuit"] = adder, ["inputs"] = BenchCircuits.Operands(a, b, 16), ["transform"] = "dualrail", ["grain"] = "2" });
            Assert.Equal(a + b, BenchCircuits.Number(CvpRunner.Outputs(sum)));

            ulong x = (ulong)random.Next(256), y = (ulong)random.Next(256);
            var product = CvpRunner.RunEveryWay(
                new() { ["circuit"] = multiplier, ["inputs"] = BenchCircuits.Operands(x, y, 8), ["transform"] = "dualrail", ["grain"] = "1", ["tasks"] = "4" });
            Assert.Equal(x * y, BenchCircuits.Number(CvpRunner.Outputs(product)));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void GeneratedDualRailOutputsEqualTheOriginal(long seed)
    {
        var parameters = new Dictionary<string, string>
        {
            ["layers"] = "30",
            ["width"] = "200",
            ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
            ["grain"] = "20",
        };
        var original = CvpRunner.Run(parameters, wholeChain: true);
        parameters["transform"] = "dualrail";
        var dual = CvpRunner.RunEveryWay(parameters);
        Assert.Equal(CvpRunner.Outputs(original), CvpRunner.Outputs(dual));
        Assert.Equal(original["gates"]!.GetValue<int>(), dual["gates"]!.GetValue<int>());

        // Every original layer becomes one AND layer and one OR layer.
        Assert.Equal(60, dual["monotoneDepth"]!.GetValue<int>());
        Assert.InRange(dual["depthOfOnes"]!.GetValue<int>(), 58, 60); // 200 outputs: some are 1 at the top
    }

    [Theory]
    [InlineData("c17")]
    [InlineData("adder")]
    [InlineData("multiplier")]
    public void MonotoneCircuitIsAlternatingLayeredAndReadsOnlyTheLayerBelow(string name)
    {
        var original = BenchParser.Parse(name switch
        {
            "c17" => BenchCircuits.C17,
            "adder" => BenchCircuits.RippleAdder(6),
            _ => BenchCircuits.ArrayMultiplier(6),
        });
        var monotone = DualRailTransform.TryTransform(original, maxGates: 1_000_000)!;
        Assert.Equal(2 * original.InputCount, monotone.InputCount);
        for (var g = 0; g < monotone.GateCount; g++)
        {
            var layer = monotone.LevelOf(g);
            Assert.Equal(layer % 2 == 1 ? GateKind.And : GateKind.Or, monotone.KindOf(g));
            foreach (var source in monotone.FanInOf(g))
            {
                var sourceLayer = source < monotone.InputCount ? 0 : monotone.LevelOf(source - monotone.InputCount);
                Assert.Equal(layer - 1, sourceLayer);
            }
        }

        // And it computes the same function.
        var random = new Random(6);
        for (var trial = 0; trial < 20; trial++)
        {
            var inputs = new byte[original.InputCount];
            for (var i = 0; i < inputs.Length; i++)
            {
                inputs[i] = (byte)random.Next(2);
            }

            var expected = original.Evaluate(inputs);
            var actual = monotone.Evaluate(DualRailTransform.Literals(inputs));
            for (var o = 0; o < original.Outputs.Length; o++)
            {
                Assert.Equal(expected[original.Outputs[o]], actual[monotone.Outputs[o]]);
            }
        }
    }

    [Theory]
    // Worked by hand from the construction: AND on odd layers, OR on even, identities carry signals up one layer.
    [InlineData("y = AND(a, b)", "11", "1", 1, 1, 1)]
    [InlineData("y = AND(a, b)", "01", "0", 0, 1, 1)]
    [InlineData("y = OR(a, b)", "10", "1", 2, 3, 2)] // identities a⁺, b⁺ on layer 1, OR on layer 2
    [InlineData("y = OR(a, b)", "00", "0", 0, 3, 2)]
    [InlineData("y = NAND(a, b)", "11", "0", 0, 3, 2)] // OR(a⁻, b⁻)
    [InlineData("y = NAND(a, b)", "01", "1", 2, 3, 2)]
    [InlineData("y = NOR(a, b)", "00", "1", 1, 1, 1)] // AND(a⁻, b⁻)
    [InlineData("y = XOR(a, b)", "10", "1", 2, 3, 2)] // OR(AND(a⁺, b⁻), AND(a⁻, b⁺))
    [InlineData("y = XOR(a, b)", "11", "0", 0, 3, 2)]
    [InlineData("y = XNOR(a, b)", "11", "1", 2, 3, 2)] // OR(AND(a⁺, b⁺), AND(a⁻, b⁻))
    [InlineData("n = NOT(a)\ny = NOT(n)", "1", "1", 0, 0, 0)] // y⁺ is the literal a: no gates at all
    [InlineData("y = BUFF(b)", "01", "1", 0, 0, 0)]
    public void DepthOfOnesOfSmallCircuits(string gates, string inputs, string output, int depthOfOnes, int monotoneGates, int monotoneDepth)
    {
        var declared = inputs.Length == 1 ? "INPUT(a)\n" : "INPUT(a)\nINPUT(b)\n";
        var result = CvpRunner.RunEveryWay(new()
        {
            ["circuit"] = declared + "OUTPUT(y)\n" + gates + "\n",
            ["inputs"] = inputs,
            ["transform"] = "dualrail",
            ["grain"] = "1",
        });
        Assert.Equal(output, CvpRunner.Outputs(result));
        Assert.Equal(depthOfOnes, result["depthOfOnes"]!.GetValue<int>());
        Assert.Equal(monotoneGates, result["monotoneGates"]!.GetValue<int>());
        Assert.Equal(monotoneDepth, result["monotoneDepth"]!.GetValue<int>());
    }

    [Theory]
    // y = AND(OR(a, b), c): OR on layer 2 (identities for a⁺, b⁺ on 1), c⁺ carried by identities on layers 1 and 2,
    // AND on layer 3: six gates.
    [InlineData("101", "1", 3)]
    [InlineData("100", "0", 2)]
    [InlineData("001", "0", 2)] // c⁺'s identity on layer 2 is a 1
    [InlineData("000", "0", 0)]
    public void SignalsFromLowerLayersAreCarriedByIdentities(string inputs, string output, int depthOfOnes)
    {
        var result = CvpRunner.RunEveryWay(new()
        {
            ["circuit"] = "INPUT(a)\nINPUT(b)\nINPUT(c)\nOUTPUT(y)\no = OR(a, b)\ny = AND(o, c)\n",
            ["inputs"] = inputs,
            ["transform"] = "dualrail",
            ["grain"] = "1",
        });
        Assert.Equal(output, CvpRunner.Outputs(result));
        Assert.Equal(depthOfOnes, result["depthOfOnes"]!.GetValue<int>());
        Assert.Equal(6, result["monotoneGates"]!.GetValue<int>());
        Assert.Equal(3, result["monotoneDepth"]!.GetValue<int>());
    }

    [Fact]
    public void TransformGivesUpBeyondItsGateLimit()
    {
        Assert.Null(DualRailTransform.TryTransform(BenchParser.Parse(BenchCircuits.C17), maxGates: 3));
        Assert.NotNull(DualRailTransform.TryTransform(BenchParser.Parse(BenchCircuits.C17), maxGates: 1000));
    }
}
