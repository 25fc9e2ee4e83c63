using System.Runtime.CompilerServices;

namespace SerialCluster.Workloads.Arith;

/// <summary>
/// The integers modulo the Mersenne prime p = 2^61 − 1, on values in [0, p). A product of two residues is below
/// 2^122, and 2^61 ≡ 1 (mod p), so its high and low 61-bit halves add up to it modulo p: no division anywhere.
/// </summary>
public static class ArithField
{
    /// <summary>p = 2^61 − 1 = 2,305,843,009,213,693,951.</summary>
    public const ulong Modulus = (1UL << 61) - 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Add(ulong a, ulong b)
    {
        var sum = a + b;
        return sum >= Modulus ? sum - Modulus : sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Subtract(ulong a, ulong b) => a >= b ? a - b : a + Modulus - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Multiply(ulong a, ulong b)
    {
        var product = (UInt128)a * b;
        var folded = ((ulong)product & Modulus) + (ulong)(product >> 61);
        return folded >= Modulus ? folded - Modulus : folded;
    }

    /// <summary>Any 64-bit value reduced into [0, p).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Reduce(ulong value)
    {
        var folded = (value & Modulus) + (value >> 61);
        return folded >= Modulus ? folded - Modulus : folded;
    }
}
