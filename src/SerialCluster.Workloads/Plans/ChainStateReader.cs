using System.Buffers.Binary;

namespace SerialCluster.Workloads.Plans;

/// <summary>Reads a checkpoint written by <see cref="ChainStateWriter"/>; any mismatch is an <see cref="InvalidDataException"/>.</summary>
public sealed class ChainStateReader
{
    private readonly byte[] _bytes;
    private int _offset;

    public ChainStateReader(byte[] bytes, string kind)
    {
        _bytes = bytes;
        var tag = System.Text.Encoding.UTF8.GetString(Bytes());
        if (tag != kind)
        {
            throw new InvalidDataException($"the checkpoint is of a '{tag}' chain, not of a '{kind}' chain");
        }
    }

    public long Int64()
    {
        Need(8);
        var value = BinaryPrimitives.ReadInt64LittleEndian(_bytes.AsSpan(_offset));
        _offset += 8;
        return value;
    }

    public double Double() => BitConverter.Int64BitsToDouble(Int64());

    public byte[] Bytes()
    {
        var length = Length(1);
        Need(length);
        var value = _bytes.AsSpan(_offset, length).ToArray();
        _offset += length;
        return value;
    }

    public ulong[] Words()
    {
        var value = new ulong[Length(8)];
        for (var i = 0; i < value.Length; i++)
        {
            value[i] = unchecked((ulong)Int64());
        }

        return value;
    }

    public double[] Doubles()
    {
        var value = new double[Length(8)];
        for (var i = 0; i < value.Length; i++)
        {
            value[i] = Double();
        }

        return value;
    }

    /// <summary>Reads a step count and checks it is within the chain.</summary>
    public long Steps(long total)
    {
        var steps = Int64();
        return steps >= 0 && steps <= total
            ? steps
            : throw new InvalidDataException($"the checkpoint is at step {steps}, outside the chain's 0 to {total}");
    }

    /// <summary>Fails unless every byte was read.</summary>
    public void End()
    {
        if (_offset != _bytes.Length)
        {
            throw new InvalidDataException($"the checkpoint has {_bytes.Length - _offset} bytes too many");
        }
    }

    /// <summary>Copies an array read here into a chain's own buffer of the same length.</summary>
    public static void Into<T>(T[] source, T[] destination, string what)
    {
        if (source.Length != destination.Length)
        {
            throw new InvalidDataException($"the checkpoint's {what} has {source.Length} entries, the chain's {destination.Length}");
        }

        source.CopyTo(destination, 0);
    }

    private int Length(int elementSize)
    {
        var length = Int64();
        return length >= 0 && length * elementSize <= _bytes.Length - _offset
            ? (int)length
            : throw new InvalidDataException($"the checkpoint is cut short (a field of {length} entries at byte {_offset} of {_bytes.Length})");
    }

    private void Need(int bytes)
    {
        if (_offset + bytes > _bytes.Length)
        {
            throw new InvalidDataException($"the checkpoint is cut short at byte {_offset} of {_bytes.Length}");
        }
    }
}
