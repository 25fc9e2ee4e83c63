using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SerialCluster.Workloads.Cvp;

/// <summary>The evaluation loop over a CSR gate range: one byte (0 or 1) per signal, no allocation.</summary>
internal static class GateEvaluator
{
    /// <summary>
    /// Evaluates gates [<paramref name="gateStart"/>, <paramref name="gateEnd"/>) in order, reading fan-in values
    /// from <paramref name="values"/> at the indices in <paramref name="fanIn"/> and writing gate g's value to
    /// <c>values[outBase + g − gateStart]</c>. The caller guarantees every index is in range (netlists are
    /// validated when built), so the loop reads through refs without bounds checks.
    /// </summary>
    public static void Evaluate(
        ReadOnlySpan<int> first, ReadOnlySpan<int> fanIn, ReadOnlySpan<byte> codes, int gateStart, int gateEnd, Span<byte> values, int outBase)
    {
        if (gateEnd <= gateStart)
        {
            return;
        }

        if (gateStart < 0 || first.Length < gateEnd + 1 || codes.Length < gateEnd || fanIn.Length < first[gateEnd] ||
            outBase < 0 || values.Length < outBase + (gateEnd - gateStart))
        {
            throw new ArgumentException("The gate range does not fit the tables.");
        }

        ref var firstRef = ref MemoryMarshal.GetReference(first);
        ref var fanInRef = ref MemoryMarshal.GetReference(fanIn);
        ref var codeRef = ref MemoryMarshal.GetReference(codes);
        ref var valueRef = ref MemoryMarshal.GetReference(values);
        // Gate g goes to outBase + (g − gateStart), offset from a ref to values[outBase]: a ref to values[outBase − gateStart]
        // would point before the array when a task's gates start past outBase, and the GC, moving the array while the loop
        // runs, would not move that ref with it (the writes after it would land in freed memory and the values read be stale).
        ref var outRef = ref Unsafe.Add(ref valueRef, outBase);
        var row = Unsafe.Add(ref firstRef, gateStart);
        for (var g = gateStart; g < gateEnd; g++)
        {
            var next = Unsafe.Add(ref firstRef, g + 1);
            int code = Unsafe.Add(ref codeRef, g);
            int a = Unsafe.Add(ref valueRef, Unsafe.Add(ref fanInRef, row));
            int b = Unsafe.Add(ref valueRef, Unsafe.Add(ref fanInRef, next - 1));
            var value = next - row <= 2
                ? (code >> ((a << 1) | b)) & 1
                : Wide(code, ref fanInRef, row, next, ref valueRef);
            Unsafe.Add(ref outRef, g - gateStart) = (byte)value;
            row = next;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Wide(int code, ref int fanInRef, int row, int end, ref byte valueRef)
    {
        var acc = 0;
        switch ((code >> 4) & 3)
        {
            case GateCode.FamilyAnd:
                acc = 1;
                for (var j = row; j < end; j++)
                {
                    acc &= Unsafe.Add(ref valueRef, Unsafe.Add(ref fanInRef, j));
                }

                break;
            case GateCode.FamilyOr:
                for (var j = row; j < end; j++)
                {
                    acc |= Unsafe.Add(ref valueRef, Unsafe.Add(ref fanInRef, j));
                }

                break;
            default:
                for (var j = row; j < end; j++)
                {
                    acc ^= Unsafe.Add(ref valueRef, Unsafe.Add(ref fanInRef, j));
                }

                break;
        }

        return acc ^ ((code & GateCode.InvertBit) >> 6);
    }
}
