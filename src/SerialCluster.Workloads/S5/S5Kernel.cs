using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SerialCluster.Workloads.Randomness;

namespace SerialCluster.Workloads.S5;

/// <summary>
/// The fold over a slice of the word: letter k is SplitMix64.At(seed, k) mod 120. Four letters are first
/// multiplied pairwise (independent lookups the CPU overlaps), so the dependent chain through the running
/// product is one table lookup per four letters; the rest is generating the letters.
/// </summary>
public static class S5Kernel
{
    private const long CancellationCheckInterval = 1 << 24;

    /// <summary>Letter <paramref name="k"/> of the word seeded with <paramref name="seed"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Letter(ulong seed, long k) => (int)(SplitMix64.At(seed, (ulong)k) % S5Group.Order);

    /// <summary>
    /// <paramref name="start"/> followed by letters [<paramref name="first"/>, <paramref name="end"/>), in order.
    /// </summary>
    public static int Fold(ulong seed, long first, long end, int start, CancellationToken cancellationToken = default)
    {
        var state = start;
        for (var blockStart = first; blockStart < end; blockStart += CancellationCheckInterval)
        {
            cancellationToken.ThrowIfCancellationRequested();
            state = FoldBlock(seed, blockStart, Math.Min(end, blockStart + CancellationCheckInterval), state);
        }

        return state;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int FoldBlock(ulong seed, long first, long end, int start)
    {
        ref var table = ref MemoryMarshal.GetReference(S5Group.MultiplicationTable);
        // Output k of the stream is Mix(seed + (k+1)·Gamma); s holds seed + k·Gamma before letter k.
        var s = unchecked(seed + ((ulong)first * SplitMix64.Gamma));
        var state = (uint)start;
        var k = first;
        for (; k + 4 <= end; k += 4)
        {
            var l0 = Reduce(SplitMix64.Mix(s += SplitMix64.Gamma));
            var l1 = Reduce(SplitMix64.Mix(s += SplitMix64.Gamma));
            var l2 = Reduce(SplitMix64.Mix(s += SplitMix64.Gamma));
            var l3 = Reduce(SplitMix64.Mix(s += SplitMix64.Gamma));
            uint p = Unsafe.Add(ref table, (l0 * S5Group.Order) + l1);
            uint q = Unsafe.Add(ref table, (l2 * S5Group.Order) + l3);
            uint r = Unsafe.Add(ref table, (p * S5Group.Order) + q);
            state = Unsafe.Add(ref table, (state * S5Group.Order) + r);
        }

        for (; k < end; k++)
        {
            var letter = Reduce(SplitMix64.Mix(s += SplitMix64.Gamma));
            state = Unsafe.Add(ref table, (state * S5Group.Order) + letter);
        }

        return (int)state;
    }

    // The JIT turns the constant divisor into a multiply-high and a shift; no division instruction runs.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Reduce(ulong value) => (uint)(value % S5Group.Order);
}
