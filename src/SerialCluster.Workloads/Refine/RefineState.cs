using System.Buffers.Binary;

namespace SerialCluster.Workloads.Refine;

/// <summary>
/// One position's state between rounds, as two 64-bit words: nonlinear, (current guess, 0); associative, the affine
/// map composed so far as (multiplier, offset). Residues are below 2^61, so bit 63 of the second word holds "final".
/// </summary>
internal readonly record struct RefineState(ulong First, ulong Second, bool Final)
{
    public const int Bytes = 16;

    private const ulong FinalBit = 1UL << 63;

    public static RefineState Read(ReadOnlySpan<byte> bytes, int index)
    {
        var at = bytes[(index * Bytes)..];
        var second = BinaryPrimitives.ReadUInt64LittleEndian(at[8..]);
        return new RefineState(BinaryPrimitives.ReadUInt64LittleEndian(at), second & ~FinalBit, (second & FinalBit) != 0);
    }

    public void Write(Span<byte> bytes, int index)
    {
        var at = bytes[(index * Bytes)..];
        BinaryPrimitives.WriteUInt64LittleEndian(at, First);
        BinaryPrimitives.WriteUInt64LittleEndian(at[8..], Second | (Final ? FinalBit : 0));
    }
}
