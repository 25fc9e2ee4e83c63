using System.Runtime.InteropServices;

namespace SerialCluster.Workloads.Cvp;

/// <summary>
/// Rewrites a circuit into an equivalent alternating monotone one. Dual rail: each signal s gets s⁺ = s and s⁻ = ¬s, and De Morgan pushes negations to
/// the inputs (AND⁻ = OR of inputs⁻, NOT swaps rails; XOR becomes a tree of two-input XORs, x⊕y⁺ = (x⁺∧y⁻)∨(x⁻∧y⁺)); only rails the outputs need are
/// built. Layer 0 is the literals (x_i at i, ¬x_i at n + i); AND gates sit on odd layers, OR on even, each reading only the layer below, so a signal
/// needed higher up is carried by shared one-input identity gates. Outputs are the ⁺ rails of the original outputs.
/// </summary>
public static class DualRailTransform
{
    private const int Positive = 0;
    private const int Negative = 1;

    /// <summary>The monotone circuit, or null when it would have more than <paramref name="maxGates"/> gates.</summary>
    public static Netlist? TryTransform(Netlist circuit, int maxGates)
    {
        var builder = new MonotoneBuilder(2 * circuit.InputCount, maxGates);
        var inputCount = circuit.InputCount;
        var need = NeededRails(circuit);
        var rail = new int[2 * circuit.SignalCount];
        Array.Fill(rail, -1);
        for (var i = 0; i < inputCount; i++)
        {
            rail[(2 * i) + Positive] = i;
            rail[(2 * i) + Negative] = inputCount + i;
        }

        var children = new List<int>();
        for (var g = 0; g < circuit.GateCount; g++)
        {
            var signal = inputCount + g;
            var needed = need[signal];
            if (needed == 0)
            {
                continue;
            }

            var fanIn = circuit.FanInOf(g);
            var kind = circuit.KindOf(g);
            if (kind is GateKind.Xor or GateKind.Xnor && fanIn.Length > 1)
            {
                var swap = kind == GateKind.Xnor;
                var wantPositive = (needed & (1 << (swap ? Negative : Positive))) != 0;
                var wantNegative = (needed & (1 << (swap ? Positive : Negative))) != 0;
                var (positive, negative) = Parity(builder, fanIn, rail, wantPositive, wantNegative);
                rail[(2 * signal) + Positive] = swap ? negative : positive;
                rail[(2 * signal) + Negative] = swap ? positive : negative;
                continue;
            }

            var (isAndFamily, invert) = Family(kind);
            for (var polarity = Positive; polarity <= Negative; polarity++)
            {
                if ((needed & (1 << polarity)) == 0)
                {
                    continue;
                }

                var childPolarity = polarity ^ invert;
                if (kind is GateKind.Buff or GateKind.Not or GateKind.Xor or GateKind.Xnor)
                {
                    rail[(2 * signal) + polarity] = rail[(2 * fanIn[0]) + childPolarity];
                    continue;
                }

                children.Clear();
                foreach (var source in fanIn)
                {
                    children.Add(rail[(2 * source) + childPolarity]);
                }

                // De Morgan: reading the negative rails turns AND into OR and OR into AND.
                var isAnd = isAndFamily == (childPolarity == Positive);
                rail[(2 * signal) + polarity] = builder.AddGate(isAnd, CollectionsMarshal.AsSpan(children));
            }

            if (builder.TooLarge)
            {
                return null;
            }
        }

        if (builder.TooLarge)
        {
            return null;
        }

        var outputs = new int[circuit.Outputs.Length];
        for (var i = 0; i < outputs.Length; i++)
        {
            outputs[i] = rail[(2 * circuit.Outputs[i]) + Positive];
        }

        return builder.Build(outputs);
    }

    /// <summary>Literal values for the monotone circuit: x_i, then ¬x_i.</summary>
    public static byte[] Literals(ReadOnlySpan<byte> inputs)
    {
        var literals = new byte[2 * inputs.Length];
        for (var i = 0; i < inputs.Length; i++)
        {
            literals[i] = inputs[i];
            literals[inputs.Length + i] = (byte)(inputs[i] ^ 1);
        }

        return literals;
    }

    /// <summary>Which rails each signal must provide (bit 0: ⁺, bit 1: ⁻), from the outputs backwards.</summary>
    private static byte[] NeededRails(Netlist circuit)
    {
        var need = new byte[circuit.SignalCount];
        foreach (var output in circuit.Outputs)
        {
            need[output] |= 1 << Positive;
        }

        for (var g = circuit.GateCount - 1; g >= 0; g--)
        {
            var needed = need[circuit.InputCount + g];
            if (needed == 0)
            {
                continue;
            }

            var kind = circuit.KindOf(g);
            var fanIn = circuit.FanInOf(g);
            int childNeed;
            if (kind is GateKind.Xor or GateKind.Xnor && fanIn.Length > 1)
            {
                childNeed = 3;
            }
            else
            {
                var invert = Family(kind).Invert;
                childNeed = invert == 0 ? needed : ((needed & 1) << 1) | (needed >> 1);
            }

            foreach (var source in fanIn)
            {
                need[source] |= (byte)childNeed;
            }
        }

        return need;
    }

    private static (bool IsAnd, int Invert) Family(GateKind kind) => kind switch
    {
        GateKind.And or GateKind.Buff => (true, 0),
        GateKind.Nand or GateKind.Not => (true, 1),
        GateKind.Or => (false, 0),
        GateKind.Nor => (false, 1),
        GateKind.Xor => (true, 0),
        GateKind.Xnor => (true, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Parity of the fan-in as a balanced tree of two-input XORs, paired left to right level by level.</summary>
    private static (int Positive, int Negative) Parity(
        MonotoneBuilder builder, ReadOnlySpan<int> fanIn, int[] rail, bool wantPositive, bool wantNegative)
    {
        if (fanIn.Length == 2)
        {
            return Xor2(
                builder, (rail[2 * fanIn[0]], rail[(2 * fanIn[0]) + 1]), (rail[2 * fanIn[1]], rail[(2 * fanIn[1]) + 1]), wantPositive, wantNegative);
        }

        var items = new List<(int Positive, int Negative)>(fanIn.Length);
        foreach (var source in fanIn)
        {
            items.Add((rail[(2 * source) + Positive], rail[(2 * source) + Negative]));
        }

        while (items.Count > 1)
        {
            var next = new List<(int Positive, int Negative)>((items.Count + 1) / 2);
            for (var i = 0; i < items.Count; i += 2)
            {
                if (i + 1 == items.Count)
                {
                    next.Add(items[i]);
                    continue;
                }

                var last = items.Count == 2;
                next.Add(Xor2(builder, items[i], items[i + 1], !last || wantPositive, !last || wantNegative));
            }

            items = next;
        }

        return items[0];
    }

    /// <summary>x ⊕ y⁺ = (x⁺ ∧ y⁻) ∨ (x⁻ ∧ y⁺) and x ⊕ y⁻ = (x⁺ ∧ y⁺) ∨ (x⁻ ∧ y⁻); a rail not wanted is −1.</summary>
    private static (int Positive, int Negative) Xor2(
        MonotoneBuilder builder, (int Positive, int Negative) x, (int Positive, int Negative) y, bool wantPositive, bool wantNegative)
    {
        var positive = wantPositive
            ? builder.AddGate(false, [builder.AddGate(true, [x.Positive, y.Negative]), builder.AddGate(true, [x.Negative, y.Positive])])
            : -1;
        var negative = wantNegative
            ? builder.AddGate(false, [builder.AddGate(true, [x.Positive, y.Positive]), builder.AddGate(true, [x.Negative, y.Negative])])
            : -1;
        return (positive, negative);
    }
}
