using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace SerialCluster.Workloads.Mdp;

/// <summary>
/// The bytes between sweeps, little-endian. A block (a task's output, or the whole chain's) is
/// [sweeps done: int32][residual: double][values: double × n][greedy actions: byte × n, value iteration only].
/// A task's input is [sweeps done: int32][residual of that sweep: double][every value: double × states]
/// [the task's own previous actions: byte × n, value iteration only].
/// </summary>
public static class MdpCodec
{
    public const int HeaderBytes = 12;

    public static int BlockBytes(int states, bool optimize) => HeaderBytes + (states * (optimize ? 9 : 8));

    public static byte[] Write(int sweeps, double residual, ReadOnlySpan<double> values, ReadOnlySpan<byte> actions)
    {
        var output = new byte[HeaderBytes + (values.Length * 8) + actions.Length];
        BinaryPrimitives.WriteInt32LittleEndian(output, sweeps);
        BinaryPrimitives.WriteDoubleLittleEndian(output.AsSpan(4), residual);
        WriteDoubles(values, output.AsSpan(HeaderBytes));
        actions.CopyTo(output.AsSpan(HeaderBytes + (values.Length * 8)));
        return output;
    }

    public static int Sweeps(ReadOnlySpan<byte> bytes) => BinaryPrimitives.ReadInt32LittleEndian(bytes);

    public static double Residual(ReadOnlySpan<byte> bytes) => BinaryPrimitives.ReadDoubleLittleEndian(bytes[4..]);

    /// <summary>The number of states a block holds.</summary>
    public static int Count(ReadOnlySpan<byte> block, bool optimize) => (block.Length - HeaderBytes) / (optimize ? 9 : 8);

    public static void ReadValues(ReadOnlySpan<byte> bytes, int count, Span<double> values) =>
        ReadDoubles(bytes.Slice(HeaderBytes, count * 8), values[..count]);

    public static ReadOnlySpan<byte> Actions(ReadOnlySpan<byte> bytes, int valueCount, int count) =>
        bytes.Slice(HeaderBytes + (valueCount * 8), count);

    public static void WriteDoubles(ReadOnlySpan<double> values, Span<byte> bytes)
    {
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(values).CopyTo(bytes);
            return;
        }

        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes[(i * 8)..], values[i]);
        }
    }

    public static void ReadDoubles(ReadOnlySpan<byte> bytes, Span<double> values)
    {
        if (BitConverter.IsLittleEndian)
        {
            bytes[..(values.Length * 8)].CopyTo(MemoryMarshal.AsBytes(values));
            return;
        }

        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes[(i * 8)..]);
        }
    }
}
