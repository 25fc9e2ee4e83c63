using SerialCluster.Workloads.Cvp;

namespace SerialCluster.Workloads.Tests.Cvp;

public sealed class NetlistTests
{
    [Fact]
    public void C17IsLevelizedIntoThreeLevelsOfTwoGates()
    {
        var c17 = BenchParser.Parse(BenchCircuits.C17);
        Assert.Equal(5, c17.InputCount);
        Assert.Equal(6, c17.GateCount);
        Assert.Equal(3, c17.Depth);
        for (var level = 1; level <= 3; level++)
        {
            Assert.Equal(2, c17.LevelWidth(level));
            Assert.Equal(level, c17.LevelOf(c17.LevelStart(level)));
            Assert.Equal(level, c17.LevelOf(c17.LevelStart(level) + 1));
        }

        Assert.All(Enumerable.Range(0, 6), g => Assert.Equal(GateKind.Nand, c17.KindOf(g)));
    }

    [Fact]
    public void GatesThatReadTheirOwnLevelOrMissingSignalsAreRefused()
    {
        // Gate 1 (signal 2) claims level 1 but reads gate 0 (signal 1), also on level 1.
        Assert.Throws<ArgumentException>(() =>
            Netlist.FromLevels(1, [GateKind.Not, GateKind.Not], [0, 1, 2], [0, 1], [1, 1], [2]));
        Assert.Throws<ArgumentException>(() =>
            Netlist.FromLevels(1, [GateKind.Not], [0, 1], [5], [1], [1]));
        Assert.Throws<ArgumentException>(() =>
            Netlist.FromLevels(1, [GateKind.And], [0, 0], [], [1], [1]));
        Assert.Throws<ArgumentException>(() =>
            Netlist.FromLevels(1, [GateKind.Not], [0, 1], [0], [1], [7]));
    }

    [Fact]
    public void WideGatesComputeTheirFamily()
    {
        const string Circuit = """
            INPUT(a)
            INPUT(b)
            INPUT(c)
            INPUT(d)
            OUTPUT(and4)
            OUTPUT(or4)
            OUTPUT(nand4)
            OUTPUT(nor4)
            OUTPUT(xor4)
            OUTPUT(xnor4)
            OUTPUT(and1)
            OUTPUT(xnor1)
            and4 = AND(a, b, c, d)
            or4 = OR(a, b, c, d)
            nand4 = NAND(a, b, c, d)
            nor4 = NOR(a, b, c, d)
            xor4 = XOR(a, b, c, d)
            xnor4 = XNOR(a, b, c, d)
            and1 = AND(a)
            xnor1 = XNOR(a)
            """;
        var netlist = BenchParser.Parse(Circuit);
        for (var k = 0; k < 16; k++)
        {
            byte[] inputs = [(byte)(k & 1), (byte)((k >> 1) & 1), (byte)((k >> 2) & 1), (byte)((k >> 3) & 1)];
            var values = netlist.Evaluate(inputs);
            var ones = inputs.Count(v => v == 1);
            int[] expected = [ones == 4 ? 1 : 0, ones > 0 ? 1 : 0, ones == 4 ? 0 : 1, ones > 0 ? 0 : 1, ones & 1, (ones & 1) ^ 1, inputs[0], inputs[0] ^ 1];
            for (var o = 0; o < expected.Length; o++)
            {
                Assert.Equal(expected[o], values[netlist.Outputs[o]]);
            }
        }
    }
}
