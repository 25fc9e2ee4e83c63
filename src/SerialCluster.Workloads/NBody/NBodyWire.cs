using System.Buffers.Binary;

namespace SerialCluster.Workloads.NBody;

/// <summary>Task inputs and outputs: little-endian doubles, read and written at a moving offset.</summary>
public static class NBodyWire
{
    public static void Write(Span<byte> destination, ref int offset, double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(destination[offset..], value);
        offset += sizeof(double);
    }

    public static void Write(Span<byte> destination, ref int offset, ReadOnlySpan<double> values)
    {
        var target = destination.Slice(offset, values.Length * sizeof(double));
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(target[(i * sizeof(double))..], values[i]);
        }

        offset += target.Length;
    }

    public static double Read(ReadOnlySpan<byte> source, ref int offset)
    {
        var value = BinaryPrimitives.ReadDoubleLittleEndian(source[offset..]);
        offset += sizeof(double);
        return value;
    }

    public static void Read(ReadOnlySpan<byte> source, ref int offset, Span<double> values)
    {
        var from = source.Slice(offset, values.Length * sizeof(double));
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadDoubleLittleEndian(from[(i * sizeof(double))..]);
        }

        offset += from.Length;
    }
}
