namespace SerialCluster.Workloads.Cvp;

/// <summary>
/// One byte that tells the evaluator what a gate computes. Bits 0–3: the truth table for a gate of fan-in 1 or 2,
/// indexed by 2·first + last input value (for fan-in 1 both are the same input, so only entries 0 and 3 matter);
/// bits 4–5: the family (AND, OR, XOR) and bit 6: invert, for wider gates. Branch-free for the common case.
/// </summary>
internal static class GateCode
{
    public const int FamilyAnd = 0;
    public const int FamilyOr = 1;
    public const int FamilyXor = 2;
    public const int InvertBit = 1 << 6;

    /// <summary>Codes by kind for fan-in 1 (index 2·kind) and fan-in 2 or more (index 2·kind + 1).</summary>
    private static readonly byte[] Table = BuildTable();

    public static byte For(GateKind kind, int fanIn) => Table[(2 * (int)kind) + (fanIn == 1 ? 0 : 1)];

    private static byte[] BuildTable()
    {
        var table = new byte[2 * Enum.GetValues<GateKind>().Length];
        foreach (var kind in Enum.GetValues<GateKind>())
        {
            table[2 * (int)kind] = Compute(kind, 1);
            table[(2 * (int)kind) + 1] = Compute(kind, 2);
        }

        return table;
    }

    private static byte Compute(GateKind kind, int fanIn)
    {
        var (family, invert) = kind switch
        {
            GateKind.And => (FamilyAnd, 0),
            GateKind.Nand => (FamilyAnd, 1),
            GateKind.Or => (FamilyOr, 0),
            GateKind.Nor => (FamilyOr, 1),
            GateKind.Xor => (FamilyXor, 0),
            GateKind.Xnor => (FamilyXor, 1),
            GateKind.Buff => (FamilyAnd, 0),
            GateKind.Not => (FamilyAnd, 1),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };

        var table = 0;
        for (var index = 0; index < 4; index++)
        {
            int a = index >> 1, b = index & 1;
            if (fanIn == 1 && a != b)
            {
                continue;
            }

            var value = family switch
            {
                FamilyAnd => a & b,
                FamilyOr => a | b,
                _ => fanIn == 1 ? a : a ^ b,
            };
            table |= (value ^ invert) << index;
        }

        return (byte)(table | (family << 4) | (invert << 6));
    }
}
