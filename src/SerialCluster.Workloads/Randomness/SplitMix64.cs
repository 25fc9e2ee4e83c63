using System.Runtime.CompilerServices;

namespace SerialCluster.Workloads.Randomness;

/// <summary>
/// SplitMix64 (Steele, Lea &amp; Flood 2014): the one generator every workload draws its inputs from.
/// Output k of a seed is a pure function of (seed, k), so any silo can produce any slice of a stream and
/// results never depend on how the work was split.
/// </summary>
public static class SplitMix64
{
    /// <summary>The golden-ratio increment added to the state before every output.</summary>
    public const ulong Gamma = 0x9E3779B97F4A7C15UL;

    /// <summary>The finaliser applied to the state.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Output <paramref name="index"/> (0-based) of the stream seeded with <paramref name="seed"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong At(ulong seed, ulong index) => Mix(unchecked(seed + ((index + 1) * Gamma)));

    /// <summary>Maps a 64-bit output to [0, 1) from its top 53 bits, exactly representable as a double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ToUnitInterval(ulong value) => (value >> 11) * (1.0 / (1UL << 53));
}
