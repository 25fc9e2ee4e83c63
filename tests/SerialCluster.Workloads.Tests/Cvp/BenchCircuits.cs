using System.Globalization;
using System.Text;

namespace SerialCluster.Workloads.Tests.Cvp;

/// <summary>
/// Circuits written as .bench text by the tests themselves, so their meaning (integer arithmetic) does not come from
/// the code under test.
/// </summary>
internal static class BenchCircuits
{
    /// <summary>ISCAS-85 c17 as published: inputs 1, 2, 3, 6, 7; outputs 22, 23; six NAND gates.</summary>
    public const string C17 = """
        # c17 (ISCAS-85)
        # 5 inputs, 2 outputs, 6 NAND gates
        INPUT(1)
        INPUT(2)
        INPUT(3)
        INPUT(6)
        INPUT(7)

        OUTPUT(22)
        OUTPUT(23)

        10 = NAND(1, 3)
        11 = NAND(3, 6)
        16 = NAND(2, 11)
        19 = NAND(11, 7)
        22 = NAND(10, 16)
        23 = NAND(16, 19)
        """;

    /// <summary>
    /// An n-bit ripple-carry adder: inputs a0..a(n−1), b0..b(n−1) (least significant first); outputs s0..s(n−1),
    /// cout. Sum bits are 3-input XOR (parity), carries OR(AND, AND); gate names in mixed case, comments, and with
    /// <paramref name="shuffleSeed"/> the gate lines in random order (signals used before they are defined).
    /// </summary>
    public static string RippleAdder(int bits, int? shuffleSeed = null)
    {
        var header = new List<string> { "# ripple-carry adder, written by the test" };
        var gates = new List<string>();
        for (var i = 0; i < bits; i++)
        {
            header.Add(Invariant($"INPUT(a{i})"));
        }

        for (var i = 0; i < bits; i++)
        {
            header.Add(Invariant($"INPUT(b{i})   # operand b, bit {i}"));
        }

        for (var i = 0; i < bits; i++)
        {
            header.Add(Invariant($"OUTPUT(s{i})"));
        }

        header.Add("OUTPUT(cout)");
        gates.Add("s0 = XOR(a0, b0)");
        gates.Add("c1 = and(a0, b0)");
        for (var i = 1; i < bits; i++)
        {
            gates.Add(Invariant($"s{i} = XOR(a{i}, b{i}, c{i})"));
            gates.Add(Invariant($"p{i} = Xor(a{i},b{i})"));
            gates.Add(Invariant($"g{i} = AND(a{i}, b{i})"));
            gates.Add(Invariant($"t{i} = AND(p{i}, c{i})"));
            gates.Add(Invariant($"c{i + 1} = OR(g{i}, t{i})"));
        }

        gates.Add(Invariant($"cout = BUF(c{bits})"));
        if (shuffleSeed is { } seed)
        {
            var random = new Random(seed);
            random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(gates));
        }

        return string.Join('\n', header) + "\n\n" + string.Join('\n', gates) + "\n";
    }

    /// <summary>
    /// An n×n array multiplier: inputs a0..a(n−1), b0..b(n−1); outputs p0..p(2n−1). Partial products are
    /// NOT(NAND), rows are added with ripple adders built from XNOR, NOR and NOT only.
    /// </summary>
    public static string ArrayMultiplier(int bits)
    {
        var lines = new List<string> { "# array multiplier, written by the test" };
        for (var i = 0; i < bits; i++)
        {
            lines.Add(Invariant($"INPUT(a{i})"));
        }

        for (var i = 0; i < bits; i++)
        {
            lines.Add(Invariant($"INPUT(b{i})"));
        }

        for (var k = 0; k < 2 * bits; k++)
        {
            lines.Add(Invariant($"OUTPUT(p{k})"));
        }

        var next = 0;
        string Gate(string kind, params string[] inputs)
        {
            var name = Invariant($"n{next++}");
            lines.Add($"{name} = {kind}({string.Join(", ", inputs)})");
            return name;
        }

        string Product(int i, int j) => Gate("NOT", Gate("NAND", Invariant($"a{j}"), Invariant($"b{i}")));

        (string Sum, string Carry) Half(string x, string y)
        {
            var same = Gate("XNOR", x, y);
            return (Gate("NOT", same), Gate("NOR", Gate("NOT", x), Gate("NOT", y)));
        }

        (string Sum, string Carry) Full(string x, string y, string c)
        {
            var same = Gate("XNOR", x, y);
            var sum = Gate("XNOR", same, c);
            var both = Gate("NOR", Gate("NOT", x), Gate("NOT", y));
            var propagate = Gate("NOR", Gate("NOT", c), same);
            return (sum, Gate("NOT", Gate("NOR", both, propagate)));
        }

        var acc = new string?[2 * bits];
        for (var j = 0; j < bits; j++)
        {
            acc[j] = Product(0, j);
        }

        for (var i = 1; i < bits; i++)
        {
            string? carry = null;
            for (var j = 0; j < bits; j++)
            {
                var k = i + j;
                var (x, y) = (acc[k], Product(i, j));
                (acc[k], carry) = (x, carry) switch
                {
                    (null, null) => (y, null),
                    (null, _) => Half(y, carry),
                    (_, null) => Half(x, y),
                    _ => Full(x, y, carry),
                };
            }

            acc[i + bits] = carry;
        }

        for (var k = 0; k < 2 * bits; k++)
        {
            lines.Add(Invariant($"p{k} = BUFF({acc[k]})"));
        }

        return string.Join('\n', lines) + "\n";
    }

    /// <summary>Input bits a0..a(n−1), b0..b(n−1), least significant first.</summary>
    public static string Operands(ulong a, ulong b, int bits)
    {
        var text = new StringBuilder(2 * bits);
        for (var i = 0; i < bits; i++)
        {
            text.Append((char)('0' + (int)((a >> i) & 1)));
        }

        for (var i = 0; i < bits; i++)
        {
            text.Append((char)('0' + (int)((b >> i) & 1)));
        }

        return text.ToString();
    }

    /// <summary>Reads an output string as an unsigned number, least significant bit first.</summary>
    public static ulong Number(string outputs)
    {
        ulong value = 0;
        for (var i = outputs.Length - 1; i >= 0; i--)
        {
            value = (value << 1) | (uint)(outputs[i] - '0');
        }

        return value;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
