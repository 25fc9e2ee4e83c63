using System.Runtime.CompilerServices;

namespace SerialCluster.Workloads.Cvp;

/// <summary>Bit i of a packed payload is bit (i mod 8) of byte (offset + i / 8), least significant first.</summary>
internal static class PackedBits
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Get(ReadOnlySpan<byte> bytes, int offset, int bit) => (bytes[offset + (bit >> 3)] >> (bit & 7)) & 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Set(Span<byte> bytes, int offset, int bit, int value) => bytes[offset + (bit >> 3)] |= (byte)(value << (bit & 7));

    public static int ByteCount(int bits) => (bits + 7) >> 3;

    /// <summary>Bits 0..values.Length − 1 from <paramref name="offset"/> on, one byte (0 or 1) each, a byte of bits at a time.</summary>
    public static void Unpack(ReadOnlySpan<byte> bytes, int offset, Span<byte> values)
    {
        var whole = values.Length >> 3;
        var packed = bytes.Slice(offset, ByteCount(values.Length));
        for (var k = 0; k < whole; k++)
        {
            int b = packed[k];
            var into = values.Slice(k << 3, 8);
            into[7] = (byte)((b >> 7) & 1);
            into[0] = (byte)(b & 1);
            into[1] = (byte)((b >> 1) & 1);
            into[2] = (byte)((b >> 2) & 1);
            into[3] = (byte)((b >> 3) & 1);
            into[4] = (byte)((b >> 4) & 1);
            into[5] = (byte)((b >> 5) & 1);
            into[6] = (byte)((b >> 6) & 1);
        }

        for (var i = whole << 3; i < values.Length; i++)
        {
            values[i] = (byte)((packed[i >> 3] >> (i & 7)) & 1);
        }
    }

    /// <summary>
    /// Packs values[at[0]], values[at[1]], … as bits <paramref name="firstBit"/>, <paramref name="firstBit"/> + 1, … from
    /// <paramref name="offset"/> on (into zeroed bytes), a byte at a time once the bits reach a byte boundary.
    /// </summary>
    public static void PackGathered(ReadOnlySpan<byte> values, ReadOnlySpan<int> at, Span<byte> bytes, int offset, int firstBit)
    {
        var i = 0;
        for (; i < at.Length && ((firstBit + i) & 7) != 0; i++)
        {
            Set(bytes, offset, firstBit + i, values[at[i]]);
        }

        var into = bytes[(offset + ((firstBit + i) >> 3))..];
        var k = 0;
        for (; i + 8 <= at.Length; i += 8, k++)
        {
            var bits = at.Slice(i, 8);
            into[k] = (byte)(values[bits[0]] | (values[bits[1]] << 1) | (values[bits[2]] << 2) | (values[bits[3]] << 3) |
                (values[bits[4]] << 4) | (values[bits[5]] << 5) | (values[bits[6]] << 6) | (values[bits[7]] << 7));
        }

        for (; i < at.Length; i++)
        {
            Set(bytes, offset, firstBit + i, values[at[i]]);
        }
    }
}
