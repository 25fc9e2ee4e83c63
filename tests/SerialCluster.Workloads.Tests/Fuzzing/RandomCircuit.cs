using System.Text;
using SerialCluster.Workloads.Cvp;

namespace SerialCluster.Workloads.Tests.Fuzzing;

/// <summary>
/// A random acyclic circuit the fuzz tests write out as <c>.bench</c> text (in a random order and spelling) and
/// evaluate on their own, by direct recursion, to check the parser and the workload against.
/// </summary>
internal sealed record RandomCircuit(int Inputs, GateKind[] Kinds, int[][] FanIn, int[] Outputs, bool[] LowerCase, int Rotation)
{
    public static readonly GateKind[] AllKinds = Enum.GetValues<GateKind>();

    /// <summary>Signal s: input s when s &lt; Inputs, else gate s − Inputs; gates read only lower signals.</summary>
    public static string Name(int signal) => signal < 0 ? "?" : $"s{signal}";

    public string ToBench()
    {
        var lines = new List<string>();
        for (var i = 0; i < Inputs; i++)
        {
            lines.Add($"{Keyword("INPUT", i)}({Name(i)})");
        }

        foreach (var output in Outputs)
        {
            lines.Add($"{Keyword("OUTPUT", output)}( {Name(output)} )");
        }

        var gates = new List<string>();
        for (var g = 0; g < Kinds.Length; g++)
        {
            var kind = Kinds[g] == GateKind.Buff ? "BUFF" : Kinds[g].ToString().ToUpperInvariant();
            gates.Add($"{Name(Inputs + g)} = {Keyword(kind, g)}({string.Join(", ", FanIn[g].Select(Name))})  # gate {g}");
        }

        // Signals may be used before the line that defines them: rotate the gate lines to prove it.
        var shift = gates.Count == 0 ? 0 : Rotation % gates.Count;
        lines.AddRange(gates.Skip(shift));
        lines.AddRange(gates.Take(shift));
        return new StringBuilder().AppendJoin('\n', lines).Append('\n').ToString();
    }

    /// <summary>Output bits, '0'/'1', evaluated gate by gate in definition order: independent of the kernel.</summary>
    public string Evaluate(string inputBits)
    {
        var values = new bool[Inputs + Kinds.Length];
        for (var i = 0; i < Inputs; i++)
        {
            values[i] = inputBits[i] == '1';
        }

        for (var g = 0; g < Kinds.Length; g++)
        {
            var ins = FanIn[g].Select(s => values[s]).ToArray();
            values[Inputs + g] = Kinds[g] switch
            {
                GateKind.And => ins.All(v => v),
                GateKind.Or => ins.Any(v => v),
                GateKind.Nand => !ins.All(v => v),
                GateKind.Nor => !ins.Any(v => v),
                GateKind.Xor => ins.Count(v => v) % 2 == 1,
                GateKind.Xnor => ins.Count(v => v) % 2 == 0,
                GateKind.Not => !ins[0],
                _ => ins[0],
            };
        }

        return string.Concat(Outputs.Select(o => values[o] ? '1' : '0'));
    }

    public override string ToString() => ToBench().Replace("\n", " | ", StringComparison.Ordinal);

    private string Keyword(string word, int index) => LowerCase[index % LowerCase.Length] ? word.ToLowerInvariant() : word;
}
