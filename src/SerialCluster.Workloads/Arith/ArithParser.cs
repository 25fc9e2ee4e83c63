using System.Globalization;

namespace SerialCluster.Workloads.Arith;

/// <summary>
/// Reads the arithmetic circuit text format, a straight-line program, one statement a line: <c>INPUT(x)</c>,
/// <c>c = CONST(3)</c> (0 to p − 1), <c>y = ADD(a, b, …)</c>, <c>SUB</c> (the first minus the rest), <c>MUL</c>,
/// <c>OUTPUT(y)</c>; keywords in any case, <c>#</c> starts a comment. Operands are defined on earlier lines, so no cycle
/// can be written. Every refusal is an <see cref="ArithFormatException"/> naming the line.
/// </summary>
public static class ArithParser
{
    public const int MaxOperands = 1024;

    private const string Statements = "INPUT(name), OUTPUT(name), name = CONST(value), name = ADD|SUB|MUL(operand, …)";

    public static ArithCircuit Parse(string text, int maxGates)
    {
        var builder = new ArithCircuitBuilder();
        var nodes = new Dictionary<string, int>(StringComparer.Ordinal);
        var outputs = new List<(string Name, int Line)>();
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var hash = raw.IndexOf('#', StringComparison.Ordinal);
            var line = (hash >= 0 ? raw[..hash] : raw).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (TryCall(line, out var keyword, out var arguments) && keyword is "INPUT" or "OUTPUT")
            {
                var name = SingleName(arguments, keyword, lineNumber);
                if (keyword == "OUTPUT")
                {
                    outputs.Add((name, lineNumber));
                }
                else
                {
                    Define(nodes, name, builder.AddInput(), lineNumber);
                }

                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                throw new ArithFormatException(lineNumber, $"'{Shorten(line)}' is not a statement; expected {Statements}");
            }

            var target = line[..equals].Trim();
            CheckName(target, lineNumber);
            if (!TryCall(line[(equals + 1)..].Trim(), out var op, out var operandText))
            {
                throw new ArithFormatException(lineNumber, $"the right side of '{target} =' is not OP(…); expected {Statements}");
            }

            var node = op switch
            {
                "CONST" => builder.AddConstant(Constant(operandText, lineNumber)),
                "ADD" => Gate(builder, ArithOp.Add, operandText, nodes, lineNumber),
                "SUB" => Gate(builder, ArithOp.Subtract, operandText, nodes, lineNumber),
                "MUL" => Gate(builder, ArithOp.Multiply, operandText, nodes, lineNumber),
                _ => throw new ArithFormatException(lineNumber, $"unknown operation '{op}'; known: CONST, ADD, SUB, MUL"),
            };
            Define(nodes, target, node, lineNumber);
            if (builder.GateCount > maxGates)
            {
                throw new ArithFormatException(lineNumber, $"more than {maxGates:N0} gates");
            }
        }

        if (outputs.Count == 0)
        {
            throw new ArithFormatException(0, "no OUTPUT(name) line: a circuit needs at least one output");
        }

        foreach (var (name, line) in outputs)
        {
            if (!nodes.TryGetValue(name, out var node))
            {
                throw new ArithFormatException(line, $"OUTPUT '{Shorten(name)}' is never defined");
            }

            builder.AddOutput(node, name);
        }

        return builder.Build();
    }

    private static int Gate(ArithCircuitBuilder builder, ArithOp op, string operandText, Dictionary<string, int> nodes, int line)
    {
        var names = operandText.Split(',');
        var minimum = op == ArithOp.Subtract ? 2 : 1;
        if (names.Length > MaxOperands || (names.Length < minimum) || (names.Length == 1 && names[0].Trim().Length == 0))
        {
            throw new ArithFormatException(line, $"a gate has {minimum} to {MaxOperands} operands, separated by commas (got '{Shorten(operandText)}')");
        }

        var operands = new int[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            var name = names[i].Trim();
            CheckName(name, line);
            if (!nodes.TryGetValue(name, out operands[i]))
            {
                throw new ArithFormatException(line, $"operand '{Shorten(name)}' is not defined on an earlier line");
            }
        }

        return builder.AddGate(op, operands);
    }

    private static ulong Constant(string text, int line)
    {
        var value = text.Trim();
        if (!ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var constant) || constant >= ArithField.Modulus)
        {
            throw new ArithFormatException(line, $"CONST({Shorten(value)}): a constant is an integer from 0 to {ArithField.Modulus - 1} (p − 1)");
        }

        return constant;
    }

    private static void Define(Dictionary<string, int> nodes, string name, int node, int line)
    {
        if (!nodes.TryAdd(name, node))
        {
            throw new ArithFormatException(line, $"'{Shorten(name)}' is already defined");
        }
    }

    private static string SingleName(string arguments, string keyword, int line)
    {
        var name = arguments.Trim();
        CheckName(name, line);
        return name.Length > 0 ? name : throw new ArithFormatException(line, $"{keyword}() needs a name");
    }

    private static void CheckName(string name, int line)
    {
        var valid = name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_')
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '[' or ']');
        if (!valid)
        {
            throw new ArithFormatException(line, $"'{Shorten(name)}' is not a name (a letter or '_', then letters, digits, '_', '.', '[' or ']')");
        }
    }

    private static bool TryCall(string text, out string keyword, out string arguments)
    {
        keyword = arguments = string.Empty;
        var open = text.IndexOf('(', StringComparison.Ordinal);
        if (open <= 0 || !text.EndsWith(')'))
        {
            return false;
        }

        keyword = text[..open].Trim().ToUpperInvariant();
        arguments = text[(open + 1)..^1];
        return true;
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
