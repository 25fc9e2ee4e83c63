using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SerialCluster.Workloads.Eca;

/// <summary>
/// One synchronous update of a bit-packed row: cell x is bit (x mod 64) of word x / 64, the leftmost cell
/// the lowest bit. A word's left neighbours are its bits shifted up by one with the top bit of the word
/// before carried in; its right neighbours likewise. Eight words (512 cells) per AVX-512 operation where the
/// hardware has it, four with AVX2, one otherwise.
/// </summary>
internal static class EcaKernel
{
    /// <summary>
    /// Computes <paramref name="destination"/>[i] for i in [<paramref name="from"/>, <paramref name="to"/>) from
    /// <paramref name="source"/>[i − 1 .. i + 1]; the words just outside the range must hold the neighbours.
    /// </summary>
    public static void Step<TRule>(ReadOnlySpan<ulong> source, Span<ulong> destination, int from, int to, TRule rule)
        where TRule : struct, IEcaRule
    {
        if (from < 1 || to > source.Length - 1 || to > destination.Length || from > to)
        {
            ThrowOutOfRange(from, to, source.Length);
        }

        ref var s = ref MemoryMarshal.GetReference(source);
        ref var d = ref MemoryMarshal.GetReference(destination);
        var i = from;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 8 <= to; i += 8)
            {
                var c = Vector512.LoadUnsafe(ref s, (nuint)i);
                var before = Vector512.LoadUnsafe(ref s, (nuint)(i - 1));
                var after = Vector512.LoadUnsafe(ref s, (nuint)(i + 1));
                var left = Vector512.ShiftLeft(c, 1) | Vector512.ShiftRightLogical(before, 63);
                var right = Vector512.ShiftRightLogical(c, 1) | Vector512.ShiftLeft(after, 63);
                rule.Apply(left, c, right).StoreUnsafe(ref d, (nuint)i);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 4 <= to; i += 4)
            {
                var c = Vector256.LoadUnsafe(ref s, (nuint)i);
                var before = Vector256.LoadUnsafe(ref s, (nuint)(i - 1));
                var after = Vector256.LoadUnsafe(ref s, (nuint)(i + 1));
                var left = Vector256.ShiftLeft(c, 1) | Vector256.ShiftRightLogical(before, 63);
                var right = Vector256.ShiftRightLogical(c, 1) | Vector256.ShiftLeft(after, 63);
                rule.Apply(left, c, right).StoreUnsafe(ref d, (nuint)i);
            }
        }

        for (; i < to; i++)
        {
            var c = Unsafe.Add(ref s, i);
            var left = (c << 1) | (Unsafe.Add(ref s, i - 1) >> 63);
            var right = (c >> 1) | (Unsafe.Add(ref s, i + 1) << 63);
            Unsafe.Add(ref d, i) = rule.Apply(left, c, right);
        }
    }

    // Kept out of Step so its prologue stays free of the message's string building.
    [DoesNotReturn]
    private static void ThrowOutOfRange(int from, int to, int length) =>
        throw new ArgumentOutOfRangeException(nameof(from), $"Words [{from}, {to}) need neighbours inside a row of {length} words.");
}
