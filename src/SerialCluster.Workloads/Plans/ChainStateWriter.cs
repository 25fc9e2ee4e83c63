using System.Buffers.Binary;

namespace SerialCluster.Workloads.Plans;

/// <summary>Writes a chain's checkpoint: a tag naming the chain kind, then little-endian fields.</summary>
public sealed class ChainStateWriter
{
    private readonly MemoryStream _stream = new();

    public ChainStateWriter(string kind) => Bytes(System.Text.Encoding.UTF8.GetBytes(kind));

    public ChainStateWriter Int64(long value)
    {
        Span<byte> buffer = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(buffer, value);
        _stream.Write(buffer);
        return this;
    }

    public ChainStateWriter Double(double value) => Int64(BitConverter.DoubleToInt64Bits(value));

    public ChainStateWriter Bytes(ReadOnlySpan<byte> value)
    {
        Int64(value.Length);
        _stream.Write(value);
        return this;
    }

    public ChainStateWriter Words(ReadOnlySpan<ulong> value)
    {
        Int64(value.Length);
        foreach (var word in value)
        {
            Int64(unchecked((long)word));
        }

        return this;
    }

    public ChainStateWriter Doubles(ReadOnlySpan<double> value)
    {
        Int64(value.Length);
        foreach (var x in value)
        {
            Double(x);
        }

        return this;
    }

    public byte[] ToArray() => _stream.ToArray();
}
