using System.Globalization;
using SerialCluster.Workloads.Cvp;
using SerialCluster.Workloads.Execution;
using SerialCluster.Workloads.Parameters;

namespace SerialCluster.Workloads.Tests.Cvp;

public sealed class CvpWorkloadTests
{
    // c17 evaluated by hand-written Python from the published netlist: "inputs(1,2,3,6,7):outputs(22,23)" for all 32.
    private const string C17TruthTable =
        "00000:00 00001:01 00010:00 00011:01 00100:00 00101:01 00110:00 00111:00 01000:11 01001:11 01010:11 01011:11 " +
        "01100:11 01101:11 01110:00 01111:00 10000:00 10001:01 10010:00 10011:01 10100:10 10101:11 10110:10 10111:10 " +
        "11000:11 11001:11 11010:11 11011:11 11100:11 11101:11 11110:10 11111:10";

    [Fact]
    public void C17MatchesItsTruthTableOnAll32Inputs()
    {
        foreach (var entry in C17TruthTable.Split(' '))
        {
            var (inputs, outputs) = (entry[..5], entry[6..]);
            var result = CvpRunner.RunEveryWay(new() { ["circuit"] = BenchCircuits.C17, ["inputs"] = inputs, ["grain"] = "1" });
            Assert.Equal(outputs, CvpRunner.Outputs(result));
        }
    }

    [Fact]
    public void C17HasSixGatesInThreeLevels()
    {
        var result = CvpRunner.Run(new() { ["circuit"] = BenchCircuits.C17, ["inputs"] = "10101" });
        Assert.Equal(6, result["gates"]!.GetValue<int>());
        Assert.Equal(3, result["depth"]!.GetValue<int>());
        Assert.Null(result["depthOfOnes"]);
    }

    [Fact]
    public void RippleCarryAdderAddsIntegers()
    {
        const int Bits = 16;
        var circuit = BenchCircuits.RippleAdder(Bits);
        var random = new Random(16);
        var cases = new List<(ulong A, ulong B)> { (0, 0), (0xFFFF, 0xFFFF), (0xFFFF, 1), (0x8000, 0x8000) };
        for (var i = 0; i < 24; i++)
        {
            cases.Add(((ulong)random.Next(1 << Bits), (ulong)random.Next(1 << Bits)));
        }

        foreach (var (a, b) in cases)
        {
            var result = CvpRunner.RunEveryWay(new() { ["circuit"] = circuit, ["inputs"] = BenchCircuits.Operands(a, b, Bits), ["grain"] = "1" });
            Assert.Equal(a + b, BenchCircuits.Number(CvpRunner.Outputs(result)));
        }
    }

    [Fact]
    public void ArrayMultiplierMultipliesIntegers()
    {
        const int Bits = 8;
        var circuit = BenchCircuits.ArrayMultiplier(Bits);
        var random = new Random(8);
        var cases = new List<(ulong A, ulong B)> { (0, 0), (255, 255), (1, 255), (128, 2) };
        for (var i = 0; i < 24; i++)
        {
            cases.Add(((ulong)random.Next(256), (ulong)random.Next(256)));
        }

        foreach (var (a, b) in cases)
        {
            var result = CvpRunner.RunEveryWay(
                new() { ["circuit"] = circuit, ["inputs"] = BenchCircuits.Operands(a, b, Bits), ["grain"] = "1", ["tasks"] = "3" });
            Assert.Equal(a * b, BenchCircuits.Number(CvpRunner.Outputs(result)));
        }
    }

    [Fact]
    public void GateLinesInAnyOrderGiveTheSameCircuit()
    {
        var inputs = BenchCircuits.Operands(40_000, 30_000, 16);
        var inOrder = CvpRunner.Run(new() { ["circuit"] = BenchCircuits.RippleAdder(16), ["inputs"] = inputs });
        var shuffled = CvpRunner.RunEveryWay(new() { ["circuit"] = BenchCircuits.RippleAdder(16, shuffleSeed: 5), ["inputs"] = inputs, ["grain"] = "1" });
        Assert.Equal(inOrder.ToJsonString(), shuffled.ToJsonString());
        Assert.Equal(70_000UL, BenchCircuits.Number(CvpRunner.Outputs(shuffled)));
    }

    [Theory]
    // Reference: a Python implementation of the generator as documented on LayeredCircuitGenerator (SplitMix64
    // outputs 0..width−1 are the inputs, output width + g draws gate g), evaluated layer by layer.
    [InlineData(4, 5, 7, "10010", "11101")]
    [InlineData(6, 16, 12345, "0110100011100100", "0101001001011010")]
    [InlineData(3, 1, 99, "1", "1")]
    [InlineData(200, 64, 2024,
        "1011011001111111111100001111000011110110010010101111100110100101",
        "0111100010000010010011110110111110110110010100110110101011101111")]
    public void GeneratedCircuitMatchesAnIndependentImplementation(int layers, int width, long seed, string defaultInputs, string outputs)
    {
        var parameters = new Dictionary<string, string>
        {
            ["layers"] = Text(layers),
            ["width"] = Text(width),
            ["seed"] = Text(seed),
            ["grain"] = "4",
            ["tasks"] = "4",
        };
        var result = CvpRunner.RunEveryWay(parameters);
        Assert.Equal(outputs, CvpRunner.Outputs(result));
        Assert.Equal(layers, result["depth"]!.GetValue<int>());
        Assert.Equal(layers * width, result["gates"]!.GetValue<int>());

        // Giving the default inputs explicitly changes nothing.
        parameters["inputs"] = defaultInputs;
        Assert.Equal(outputs, CvpRunner.Outputs(CvpRunner.Run(parameters)));
    }

    [Fact]
    public void GeneratedCircuitsAreDeterministicFromTheSeed()
    {
        Dictionary<string, string> Generated(long seed) => new() { ["layers"] = "50", ["width"] = "256", ["seed"] = Text(seed) };
        var first = CvpRunner.Outputs(CvpRunner.Run(Generated(3)));
        Assert.Equal(first, CvpRunner.Outputs(CvpRunner.Run(Generated(3))));
        Assert.NotEqual(first, CvpRunner.Outputs(CvpRunner.Run(Generated(4))));
        Assert.Equal(256, first.Length);
    }

    [Fact]
    public void ExplicitInputsReplaceTheSeededOnes()
    {
        var parameters = new Dictionary<string, string> { ["layers"] = "3", ["width"] = "8", ["seed"] = "1" };
        var seeded = CvpRunner.Outputs(CvpRunner.Run(parameters));
        var differ = false;
        for (var i = 0; i < 8 && !differ; i++)
        {
            parameters["inputs"] = new string('0', i) + "1" + new string('0', 7 - i);
            differ = CvpRunner.Outputs(CvpRunner.Run(parameters)) != seeded;
        }

        Assert.True(differ);
    }

    [Theory]
    [InlineData("1", "1")]
    [InlineData("2", "1")]
    [InlineData("7", "1")]
    [InlineData("8", "16")]
    [InlineData("1024", "3")]
    [InlineData("5", "1000")]
    public void ResultsDoNotDependOnTheSplit(string tasks, string grain)
    {
        var reference = CvpRunner.Run(new() { ["layers"] = "40", ["width"] = "300", ["seed"] = "9" }, wholeChain: true);
        var split = CvpRunner.RunEveryWay(new() { ["layers"] = "40", ["width"] = "300", ["seed"] = "9", ["tasks"] = tasks, ["grain"] = grain });
        Assert.Equal(reference.ToJsonString(), split.ToJsonString());
    }

    [Fact]
    public void MultiplierResultsDoNotDependOnTheSplit()
    {
        // Unlike generated circuits, the multiplier reads signals many levels after they are made: carried values.
        var inputs = BenchCircuits.Operands(201, 173, 8);
        var reference = CvpRunner.Run(new() { ["circuit"] = BenchCircuits.ArrayMultiplier(8), ["inputs"] = inputs }, wholeChain: true);
        foreach (var (tasks, grain) in new[] { ("1", "1"), ("2", "1"), ("5", "1"), ("8", "2"), ("3", "100") })
        {
            var split = CvpRunner.RunEveryWay(
                new() { ["circuit"] = BenchCircuits.ArrayMultiplier(8), ["inputs"] = inputs, ["tasks"] = tasks, ["grain"] = grain });
            Assert.Equal(reference.ToJsonString(), split.ToJsonString());
        }

        Assert.Equal(201UL * 173UL, BenchCircuits.Number(CvpRunner.Outputs(reference)));
    }

    [Fact]
    public void WorkIsGatesAndSpanSumsTheLargestTaskOfEachLevel()
    {
        var plan = CvpRunner.Plan(new() { ["layers"] = "10", ["width"] = "1000", ["tasks"] = "3", ["grain"] = "100" });
        Assert.Equal(10_000, plan.Work);
        Assert.Equal(10, plan.Stages.Count);
        Assert.All(plan.Stages, stage => Assert.Equal(3, stage.TaskCount));
        Assert.Equal(10 * 334, plan.Span); // ceil(1000 / 3) per level
        Assert.Equal(10_000, Enumerable.Range(0, 10).Sum(s => Enumerable.Range(0, 3).Sum(t => plan.TaskUnits(s, t))));
    }

    [Fact]
    public void NarrowLevelsRunAsOneSerialStage()
    {
        // 1000 gates per level and grain 600: fewer than two tasks' worth, so all 10 levels are one task.
        var plan = CvpRunner.Plan(new() { ["layers"] = "10", ["width"] = "1000", ["tasks"] = "8", ["grain"] = "600" });
        Assert.Single(plan.Stages);
        Assert.Equal(10_000, plan.Span);
        Assert.Equal(10_000, plan.Work);
    }

    [Fact]
    public void TaskInputsCarryOnlyWhatTheTaskReads()
    {
        // 4096 gates per level in 8 tasks: a task reads at most 2·512 values of the level below, never all 4096 · level.
        var plan = CvpRunner.Plan(new() { ["layers"] = "20", ["width"] = "4096", ["tasks"] = "8", ["grain"] = "512" });
        var run = LocalPlanRunner.Run(plan, parallelism: 2, keepStageOutputs: true);
        for (var stage = 1; stage < plan.Stages.Count; stage++)
        {
            for (var task = 0; task < 8; task++)
            {
                var input = plan.CreateTaskInput(stage, task, run.StageOutputs[stage - 1]);
                Assert.InRange(input.Length, 4, 4 + (2 * 512 / 8));
            }

            // A middle level's outputs hold only the gates the next level reads: at most the level, in bits.
            Assert.InRange(run.StageOutputs[stage - 1].Sum(o => o.Length), 8 * 4, (8 * 4) + (4096 / 8) + 8);
        }
    }

    [Fact]
    public void SignalsReadFarAboveThemCoarsenTheStagesButNotTheResult()
    {
        // 3000 inputs all read by the last of 600 levels of two NOT chains: with one stage per level they would be
        // carried through 600 barriers (1.8 million entries), so the plan doubles its grain until that is bounded.
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < 3000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"INPUT(x{i})\n");
        }

        text.Append("OUTPUT(y)\nOUTPUT(l599b)\nl0a = NOT(x0)\nl0b = NOT(x1)\n");
        for (var l = 1; l < 600; l++)
        {
            text.Append(CultureInfo.InvariantCulture, $"l{l}a = NOT(l{l - 1}a)\nl{l}b = NOT(l{l - 1}b)\n");
        }

        text.Append("y = AND(l599a");
        for (var i = 2; i < 3000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $", x{i}");
        }

        text.Append(")\n");
        var circuit = text.ToString();
        var allOnes = new string('1', 3000);
        var parameters = new Dictionary<string, string> { ["circuit"] = circuit, ["inputs"] = allOnes, ["tasks"] = "2", ["grain"] = "1" };
        var plan = CvpRunner.Plan(parameters);
        Assert.True(plan.Grain > 1);
        var result = CvpRunner.RunEveryWay(parameters);
        Assert.Equal("11", CvpRunner.Outputs(result)); // l599a = x0 after 600 NOTs, l599b = x1
        parameters["inputs"] = "1" + "0" + new string('1', 2997) + "0";
        Assert.Equal("00", CvpRunner.Outputs(CvpRunner.RunEveryWay(parameters)));
    }

    [Fact]
    public void CircuitWithoutGatesPassesItsInputsThrough()
    {
        var result = CvpRunner.RunEveryWay(new() { ["circuit"] = "INPUT(a)\nINPUT(b)\nOUTPUT(b)\nOUTPUT(a)\nOUTPUT(b)\n", ["inputs"] = "10" });
        Assert.Equal("010", CvpRunner.Outputs(result));
        Assert.Equal(0, result["gates"]!.GetValue<int>());
        Assert.Equal(0, result["depth"]!.GetValue<int>());
    }

    [Fact]
    public void ExampleRunsTheSameInEveryMode()
    {
        var workload = new CvpWorkload();
        var example = new Dictionary<string, string>(workload.Example);
        var result = CvpRunner.RunEveryWay(example);
        Assert.Equal(4096, CvpRunner.Outputs(result).Length);
        Assert.Equal(64, result["depth"]!.GetValue<int>());
    }

    [Fact]
    public void TooLargeGeneratedCircuitIsRefused()
    {
        var error = Assert.Throws<InvalidParameterException>(() => CvpRunner.Plan(new() { ["layers"] = "100000", ["width"] = "100000" }));
        Assert.Equal("width", error.Parameter);
        Assert.Equal(ParameterErrorKind.OutOfRange, error.Kind);
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
