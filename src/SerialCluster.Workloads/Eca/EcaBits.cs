using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace SerialCluster.Workloads.Eca;

/// <summary>
/// Bit-array helpers on rows packed 64 cells per word (cell x is bit x mod 64 of word x / 64), and the
/// little-endian byte form in which rows and centre columns travel between tasks.
/// </summary>
internal static class EcaBits
{
    public static int WordsFor(long cells) => checked((int)((cells + 63) >> 6));

    /// <summary>Copies <paramref name="count"/> bits from bit <paramref name="sourceBit"/> of <paramref name="source"/> to bit
    /// <paramref name="destinationBit"/> of <paramref name="destination"/>.</summary>
    public static void Copy(ReadOnlySpan<ulong> source, long sourceBit, Span<ulong> destination, long destinationBit, long count)
    {
        while (count > 0)
        {
            var offset = (int)(destinationBit & 63);
            if (offset == 0 && (sourceBit & 63) == 0 && count >= 64)
            {
                var words = (int)(count >> 6);
                source.Slice((int)(sourceBit >> 6), words).CopyTo(destination.Slice((int)(destinationBit >> 6), words));
                sourceBit += (long)words << 6;
                destinationBit += (long)words << 6;
                count -= (long)words << 6;
                continue;
            }

            var n = (int)Math.Min(count, 64 - offset);
            Write(destination, destinationBit, Read(source, sourceBit, n), n);
            sourceBit += n;
            destinationBit += n;
            count -= n;
        }
    }

    /// <summary>Sets <paramref name="count"/> bits from bit <paramref name="destinationBit"/> to <paramref name="value"/>.</summary>
    public static void Fill(Span<ulong> destination, long destinationBit, long count, bool value)
    {
        var pattern = value ? ulong.MaxValue : 0UL;
        while (count > 0)
        {
            var offset = (int)(destinationBit & 63);
            if (offset == 0 && count >= 64)
            {
                var words = (int)(count >> 6);
                destination.Slice((int)(destinationBit >> 6), words).Fill(pattern);
                destinationBit += (long)words << 6;
                count -= (long)words << 6;
                continue;
            }

            var n = (int)Math.Min(count, 64 - offset);
            Write(destination, destinationBit, pattern, n);
            destinationBit += n;
            count -= n;
        }
    }

    public static bool Get(ReadOnlySpan<ulong> words, long bit) => ((words[(int)(bit >> 6)] >> (int)(bit & 63)) & 1) != 0;

    public static void Set(Span<ulong> words, long bit, bool value)
    {
        var mask = 1UL << (int)(bit & 63);
        ref var word = ref words[(int)(bit >> 6)];
        word = value ? word | mask : word & ~mask;
    }

    /// <summary>The number of ON cells among the first <paramref name="cells"/>.</summary>
    public static long PopCount(ReadOnlySpan<ulong> words, long cells)
    {
        var full = (int)(cells >> 6);
        long count = 0;
        for (var i = 0; i < full; i++)
        {
            count += BitOperations.PopCount(words[i]);
        }

        var tail = (int)(cells & 63);
        if (tail != 0)
        {
            count += BitOperations.PopCount(words[full] & LowMask(tail));
        }

        return count;
    }

    /// <summary>The first <paramref name="cells"/> bits as '0'/'1' characters, leftmost cell first.</summary>
    public static string ToBitString(ReadOnlySpan<ulong> words, long cells)
    {
        var chars = new char[checked((int)cells)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Get(words, i) ? '1' : '0';
        }

        return new string(chars);
    }

    /// <summary>Appends <paramref name="words"/> as little-endian bytes at <paramref name="destination"/>.</summary>
    public static void WriteBytes(ReadOnlySpan<ulong> words, Span<byte> destination)
    {
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(words).CopyTo(destination);
            return;
        }

        for (var i = 0; i < words.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(destination[(i * 8)..], words[i]);
        }
    }

    /// <summary>Reads <paramref name="count"/> little-endian words starting at word <paramref name="firstWord"/> of <paramref name="bytes"/>.</summary>
    public static ReadOnlySpan<ulong> ReadWords(byte[] bytes, int firstWord, int count)
    {
        var slice = bytes.AsSpan(firstWord * 8, count * 8);
        if (BitConverter.IsLittleEndian)
        {
            return MemoryMarshal.Cast<byte, ulong>(slice);
        }

        var words = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            words[i] = BinaryPrimitives.ReadUInt64LittleEndian(slice[(i * 8)..]);
        }

        return words;
    }

    public static ulong LowMask(int bits) => bits >= 64 ? ulong.MaxValue : (1UL << bits) - 1;

    /// <summary>Up to 64 bits starting at <paramref name="bit"/>, in the low bits of the result.</summary>
    private static ulong Read(ReadOnlySpan<ulong> source, long bit, int count)
    {
        var word = (int)(bit >> 6);
        var offset = (int)(bit & 63);
        var value = source[word] >> offset;
        if (offset != 0 && offset + count > 64)
        {
            value |= source[word + 1] << (64 - offset);
        }

        return value & LowMask(count);
    }

    /// <summary>Writes the low <paramref name="count"/> bits of <paramref name="value"/> at <paramref name="bit"/>; they stay inside one word.</summary>
    private static void Write(Span<ulong> destination, long bit, ulong value, int count)
    {
        var offset = (int)(bit & 63);
        var mask = LowMask(count) << offset;
        ref var word = ref destination[(int)(bit >> 6)];
        word = (word & ~mask) | ((value << offset) & mask);
    }
}
