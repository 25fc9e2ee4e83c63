using SerialCluster.Workloads.Randomness;

namespace SerialCluster.Workloads.Arith;

/// <summary>
/// A GSM-style word problem as a layered DAG: <c>width</c> inputs, <c>depth</c> levels of <c>width</c> gates, gate j of level ℓ reading gate j of
/// level ℓ − 1 (the depth is exact), other operands drawn by SplitMix64 from <c>seed</c>. <c>high</c>: products of <c>fanIn</c> gates of the level
/// below (width 1: x^(fanIn^depth)), degree fanIn^ℓ, so no circuit of that fan-in is shallower. <c>low</c>: sums and differences of <c>fanIn</c>
/// values up to <see cref="Window"/> levels back, and products with a constant: degree 1 at any depth.
/// </summary>
public static class ArithGenerator
{
    /// <summary>How many levels back a low-degree gate may read.</summary>
    public const int Window = 4;

    /// <summary>The constants a low-degree circuit multiplies by.</summary>
    public const int Constants = 8;

    private const ulong StructureStream = 0x6A09E667F3BCC909UL;

    public static ArithCircuit Generate(int depth, int width, int fanIn, ulong seed, bool highDegree)
    {
        var builder = new ArithCircuitBuilder();
        var levels = new int[depth + 1][];
        levels[0] = new int[width];
        for (var j = 0; j < width; j++)
        {
            levels[0][j] = builder.AddInput();
        }

        // The structure draws from its own stream, apart from the default inputs' (stream seed itself).
        var structure = SplitMix64.Mix(seed ^ StructureStream);
        ulong draw = 0;
        ulong Next() => SplitMix64.At(structure, draw++);
        var constants = new int[Constants];
        if (!highDegree)
        {
            for (var c = 0; c < Constants; c++)
            {
                // Nonzero, so no product collapses to 0 and hides its operand.
                constants[c] = builder.AddConstant(1 + (SplitMix64.At(structure, ulong.MaxValue - (ulong)c) % (ArithField.Modulus - 1)));
            }
        }

        var operands = new int[fanIn];
        for (var level = 1; level <= depth; level++)
        {
            levels[level] = new int[width];
            for (var j = 0; j < width; j++)
            {
                operands[0] = levels[level - 1][j];
                if (highDegree)
                {
                    for (var k = 1; k < fanIn; k++)
                    {
                        operands[k] = levels[level - 1][(int)(Next() % (ulong)width)];
                    }

                    levels[level][j] = builder.AddGate(ArithOp.Multiply, operands);
                    continue;
                }

                var choice = Next();
                if (choice % 3 == 0)
                {
                    levels[level][j] = builder.AddGate(ArithOp.Multiply, [constants[(int)((choice >> 8) % Constants)], operands[0]]);
                    continue;
                }

                for (var k = 1; k < fanIn; k++)
                {
                    var back = 1 + (int)(Next() % (ulong)Math.Min(Window, level));
                    operands[k] = levels[level - back][(int)(Next() % (ulong)width)];
                }

                levels[level][j] = builder.AddGate(choice % 3 == 1 ? ArithOp.Add : ArithOp.Subtract, operands);
            }
        }

        for (var j = 0; j < width; j++)
        {
            builder.AddOutput(levels[depth][j], $"y{j}");
        }

        return builder.Build();
    }

    /// <summary>The default inputs: input i is SplitMix64 output i of <paramref name="seed"/>, reduced mod p.</summary>
    public static ulong[] DefaultInputs(ulong seed, int count)
    {
        var values = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = SplitMix64.At(seed, (ulong)i) % ArithField.Modulus;
        }

        return values;
    }
}
