using CsCheck;
using SerialCluster.Workloads.Cvp;
using SerialCluster.Workloads.Execution;
using SerialCluster.Workloads.Parameters;

namespace SerialCluster.Workloads.Tests.Fuzzing;

/// <summary>
/// Fuzzes the <c>.bench</c> reader and the cvp workload over it: random valid circuits must parse and evaluate to what
/// an independent evaluator computes; thousands of mutations of them (and of pure noise) must either parse or be refused
/// with a <see cref="BenchFormatException"/> on a real line, surfacing as a one-line refusal of parameter 'circuit'.
/// </summary>
public sealed class BenchFuzzTests
{
    private static readonly Gen<(GateKind Kind, double[] FanIn)> Gates =
        Gen.Select(Gen.OneOf<GateKind>(RandomCircuit.AllKinds), Gen.Double[0, 0.999].Array[1, 4]);

    /// <summary>Fan-in and outputs drawn as fractions of the signals below, so every circuit is acyclic by construction.</summary>
    private static readonly Gen<RandomCircuit> Circuits =
        Gen.Select(Gen.Int[1, 6], Gates.Array[0, 24], Gen.Double[0, 0.999].Array[1, 4], Gen.Int[0, 1000], Gen.Bool.Array[1, 4],
            (inputs, gates, outputs, rotation, lowerCase) => new RandomCircuit(
                inputs,
                [.. gates.Select(g => g.Kind)],
                [.. gates.Select((g, i) => (g.Kind is GateKind.Not or GateKind.Buff ? g.FanIn[..1] : g.FanIn).Select(f => (int)(f * (inputs + i))).ToArray())],
                [.. outputs.Select(f => (int)(f * (inputs + gates.Length)))],
                lowerCase,
                rotation));

    [Fact]
    public void RandomCircuitsParseAndEvaluateAsAnIndependentEvaluatorDoes()
    {
        Gen.Select(Circuits, Gen.ULong).Sample(
            t =>
            {
                var (circuit, bits) = t;
                var inputs = string.Concat(Enumerable.Range(0, circuit.Inputs).Select(i => ((bits >> i) & 1) == 1 ? '1' : '0'));
                var netlist = BenchParser.Parse(circuit.ToBench());
                Assert.Equal(circuit.Inputs, netlist.InputCount);
                Assert.Equal(circuit.Kinds.Length, netlist.GateCount);
                var result = LocalPlanRunner.Run(new CvpWorkload().Plan(new Dictionary<string, string>
                {
                    ["circuit"] = circuit.ToBench(),
                    ["inputs"] = inputs,
                    ["grain"] = "1",
                    ["tasks"] = "3",
                }), parallelism: 2).Result;
                Assert.Equal(circuit.Evaluate(inputs), result["outputs"]!.GetValue<string>());
            },
            iter: 1000);
    }

    [Fact]
    public void MutatedCircuitsParseOrAreRefusedOnARealLine()
    {
        Gen.Select(Circuits, FuzzGen.Mutations).Sample(
            t =>
            {
                var (circuit, mutations) = t;
                var text = mutations.Aggregate(circuit.ToBench(), (current, m) => m.Apply(current));
                CheckReader(text);
            },
            iter: 3000,
            print: t => $"{t.Item1} then {string.Join("; ", t.Item2.Select(m => m.ToString()))}");
    }

    [Fact]
    public void NoiseIsRefusedOnARealLine()
    {
        var lines = Gen.Frequency(
            (3, Gen.String[Gen.Char["INPUTOUTPUTANDORNXB()=,# \tabs0123"], 0, 30]),
            (1, FuzzGen.HostileText),
            (1, Gen.String[0, 20]));
        lines.Array[0, 12].Select(l => string.Join('\n', l)).Sample(CheckReader, iter: 3000);
    }

    /// <summary>Either a netlist that the workload evaluates, or a refusal on a line that exists, one line long.</summary>
    private static void CheckReader(string text)
    {
        var lineCount = text.Split('\n').Length;
        Netlist? netlist = null;
        try
        {
            netlist = Bounded.Run(() => BenchParser.Parse(text), () => text);
        }
        catch (BenchFormatException e)
        {
            Assert.InRange(e.Line, 0, lineCount);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return; // The workload generates its own circuit for empty text: nothing of the reader's to check there.
        }

        try
        {
            var plan = Bounded.Run(() => new CvpWorkload().Plan(new Dictionary<string, string> { ["circuit"] = text }), () => text);
            Assert.NotNull(netlist);
            var result = Bounded.Run(() => LocalPlanRunner.Run(plan).Result, () => text);
            Assert.Equal(netlist.Outputs.Length, result["outputs"]!.GetValue<string>().Length);
        }
        catch (InvalidParameterException e)
        {
            // Text that parses can still be refused for its inputs; text that does not parse is refused as the circuit.
            ParameterFuzzTests.AssertClearRefusal(e, ["circuit", "inputs"]);
            Assert.True(netlist is not null || e.Parameter == "circuit", e.Message);
        }
    }
}
