using System.Buffers.Binary;

namespace SerialCluster.Workloads.Arith;

/// <summary>Residues as little-endian 64-bit words: the bytes a task reads and writes.</summary>
internal static class ArithWords
{
    public static ulong Read(byte[] bytes, int index) => BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(index * 8));

    public static void Write(byte[] bytes, int index, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(index * 8), value);

    public static int Count(byte[] bytes) => bytes.Length / 8;
}
