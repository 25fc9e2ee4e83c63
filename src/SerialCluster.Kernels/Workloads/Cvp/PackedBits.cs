using System.Runtime.CompilerServices;

namespace SerialCluster.Kernels.Workloads.Cvp;

/// <summary>Bit i of a packed payload is bit (i mod 8) of byte (offset + i / 8), least significant first.</summary>
internal static class PackedBits
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Get(ReadOnlySpan<byte> bytes, int offset, int bit) => (bytes[offset + (bit >> 3)] >> (bit & 7)) & 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Set(Span<byte> bytes, int offset, int bit, int value) => bytes[offset + (bit >> 3)] |= (byte)(value << (bit & 7));

    public static int ByteCount(int bits) => (bits + 7) >> 3;
}
