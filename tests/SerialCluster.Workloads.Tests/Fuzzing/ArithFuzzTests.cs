using CsCheck;
using SerialCluster.Workloads.Arith;
using SerialCluster.Workloads.Execution;
using SerialCluster.Workloads.Parameters;

namespace SerialCluster.Workloads.Tests.Fuzzing;

/// <summary>
/// Fuzzes arith's circuit reader: mutations of a valid circuit and pure noise must either parse and evaluate, or be
/// refused with an <see cref="ArithFormatException"/> on a real line, surfacing as a one-line refusal of 'circuit'.
/// </summary>
public sealed class ArithFuzzTests
{
    private const string Valid =
        "# apples\nINPUT(a)\nINPUT(b)\nfive = CONST(5)\nbought = MUL(b, a, a)\nhave = ADD(a, bought)\nleft = SUB(have, five)\nOUTPUT(left)\nOUTPUT(a)\n";

    [Fact]
    public void MutatedCircuitsParseOrAreRefusedOnARealLine() =>
        FuzzGen.Mutations.Sample(
            mutations => CheckReader(mutations.Aggregate(Valid, (current, m) => m.Apply(current))),
            iter: 3000,
            print: m => string.Join("; ", m.Select(x => x.ToString())));

    [Fact]
    public void NoiseIsRefusedOnARealLine()
    {
        var lines = Gen.Frequency(
            (3, Gen.String[Gen.Char["INPUTOUTPUTADDSUBMULCONST()=,# \tab0123"], 0, 30]),
            (1, FuzzGen.HostileText),
            (1, Gen.String[0, 20]));
        lines.Array[0, 12].Select(l => string.Join('\n', l)).Sample(CheckReader, iter: 3000);
    }

    private static void CheckReader(string text)
    {
        var lineCount = text.Split('\n').Length;
        ArithCircuit? circuit = null;
        try
        {
            circuit = Bounded.Run(() => ArithParser.Parse(text, ArithWorkload.MaxGates), () => text);
        }
        catch (ArithFormatException e)
        {
            Assert.InRange(e.Line, 0, lineCount);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return; // The workload generates its own circuit for empty text.
        }

        try
        {
            var plan = Bounded.Run(() => new ArithWorkload().Plan(new Dictionary<string, string> { ["circuit"] = text, ["grain"] = "1" }), () => text);
            Assert.NotNull(circuit);
            var staged = Bounded.Run(() => LocalPlanRunner.Run(plan, 2).Result.ToJsonString(), () => text);
            Assert.Equal(LocalPlanRunner.Run(plan, preferWholeChain: true).Result.ToJsonString(), staged);
        }
        catch (InvalidParameterException e)
        {
            ParameterFuzzTests.AssertClearRefusal(e, ["circuit", "inputs"]);
            Assert.True(circuit is null && e.Parameter == "circuit", e.Message);
        }
    }
}
