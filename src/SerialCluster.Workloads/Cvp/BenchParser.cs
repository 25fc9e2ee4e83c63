namespace SerialCluster.Workloads.Cvp;

/// <summary>
/// Reads the ISCAS <c>.bench</c> netlist format: <c>INPUT(a)</c>, <c>OUTPUT(y)</c>, <c>y = NAND(a, b)</c> with
/// gates AND, OR, NAND, NOR, XOR, XNOR (fan-in 1 or more; XOR is parity), NOT and BUFF/BUF (fan-in 1);
/// keywords and gate names in any case; <c>#</c> starts a comment; blank lines are ignored. Signals may be used
/// before the line that defines them. Every refusal is a <see cref="BenchFormatException"/> naming the line.
/// </summary>
public static class BenchParser
{
    private const string KnownGates = "AND, OR, NAND, NOR, XOR, XNOR, NOT, BUFF (or BUF)";
    internal const int MaxNamesInCycleMessage = 8;

    private static readonly (string Text, GateKind Kind)[] GateNames =
    [
        ("AND", GateKind.And), ("OR", GateKind.Or), ("NAND", GateKind.Nand), ("NOR", GateKind.Nor),
        ("XOR", GateKind.Xor), ("XNOR", GateKind.Xnor), ("NOT", GateKind.Not), ("BUFF", GateKind.Buff), ("BUF", GateKind.Buff),
    ];

    public static Netlist Parse(string text)
    {
        var state = new BenchParseState();
        var rest = text.AsSpan();
        var lineNumber = 0;
        while (true)
        {
            lineNumber++;
            var end = rest.IndexOf('\n');
            var line = end < 0 ? rest : rest[..end];
            var hash = line.IndexOf('#');
            if (hash >= 0)
            {
                line = line[..hash];
            }

            line = line.Trim();
            if (!line.IsEmpty)
            {
                ParseLine(state, line, lineNumber);
            }

            if (end < 0)
            {
                break;
            }

            rest = rest[(end + 1)..];
        }

        return state.Build();
    }

    private static void ParseLine(BenchParseState state, ReadOnlySpan<char> line, int lineNumber)
    {
        if (TryDeclaration(line, "INPUT", lineNumber, out var inputName))
        {
            state.DeclareInput(inputName, lineNumber);
            return;
        }

        if (TryDeclaration(line, "OUTPUT", lineNumber, out var outputName))
        {
            state.DeclareOutput(outputName, lineNumber);
            return;
        }

        var equals = line.IndexOf('=');
        if (equals < 0)
        {
            throw new BenchFormatException(lineNumber, $"expected INPUT(name), OUTPUT(name) or name = GATE(a, b, …), found '{Shorten(line)}'");
        }

        var target = line[..equals].Trim();
        CheckName(target, lineNumber);
        var call = line[(equals + 1)..].Trim();
        var open = call.IndexOf('(');
        if (open <= 0 || call[^1] != ')')
        {
            throw new BenchFormatException(lineNumber, $"expected GATE(a, b, …) after '=', found '{Shorten(call)}'");
        }

        var gateName = call[..open].Trim();
        var kind = KindOf(gateName)
            ?? throw new BenchFormatException(
                lineNumber,
                gateName.Equals("DFF", StringComparison.OrdinalIgnoreCase)
                    ? $"unknown gate 'DFF': sequential elements are not supported; known gates: {KnownGates}"
                    : $"unknown gate '{Shorten(gateName)}'; known gates: {KnownGates}");

        var arguments = call[(open + 1)..^1];
        var fanInStart = state.FanInCount;
        if (!arguments.Trim().IsEmpty)
        {
            foreach (var range in arguments.Split(','))
            {
                var name = arguments[range].Trim();
                if (name.IsEmpty)
                {
                    throw new BenchFormatException(lineNumber, $"empty signal name in the inputs of {kind.ToString().ToUpperInvariant()}");
                }

                CheckName(name, lineNumber);
                state.AddFanIn(name, lineNumber);
            }
        }

        var fanIn = state.FanInCount - fanInStart;
        var single = kind is GateKind.Not or GateKind.Buff;
        if (single && fanIn != 1)
        {
            throw new BenchFormatException(lineNumber, $"wrong fan-in: {gateName.ToString().ToUpperInvariant()} takes exactly 1 input, not {fanIn}");
        }

        if (fanIn == 0)
        {
            throw new BenchFormatException(lineNumber, $"wrong fan-in: {gateName.ToString().ToUpperInvariant()} needs at least 1 input");
        }

        state.DefineGate(target, kind, lineNumber);
    }

    private static bool TryDeclaration(ReadOnlySpan<char> line, string keyword, int lineNumber, out ReadOnlySpan<char> name)
    {
        name = default;
        if (!line.StartsWith(keyword, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = line[keyword.Length..].TrimStart();
        if (rest.IsEmpty || rest[0] != '(')
        {
            return false; // e.g. "INPUTS = AND(a, b)": an assignment to a signal whose name starts with the keyword.
        }

        if (rest[^1] != ')')
        {
            throw new BenchFormatException(lineNumber, $"expected {keyword}(name), found '{Shorten(line)}'");
        }

        name = rest[1..^1].Trim();
        CheckName(name, lineNumber);
        return true;
    }

    private static void CheckName(ReadOnlySpan<char> name, int lineNumber)
    {
        if (name.IsEmpty)
        {
            throw new BenchFormatException(lineNumber, "empty signal name");
        }

        foreach (var c in name)
        {
            if (char.IsWhiteSpace(c) || c is '(' or ')' or ',' or '=')
            {
                throw new BenchFormatException(lineNumber, $"'{Shorten(name)}' is not a valid signal name");
            }
        }
    }

    private static GateKind? KindOf(ReadOnlySpan<char> name)
    {
        foreach (var (text, kind) in GateNames)
        {
            if (name.Equals(text, StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }

        return null;
    }

    internal static string Shorten(ReadOnlySpan<char> text) => text.Length <= 60 ? text.ToString() : text[..60].ToString() + "…";
}
