namespace SerialCluster.Workloads.Eca;

/// <summary>A row held whole in one bit-packed array.</summary>
internal sealed class EcaWordsRow(ulong[] words) : IEcaRowSource
{
    public void Read(long first, long count, Span<ulong> destination, long destinationBit) =>
        EcaBits.Copy(words, first, destination, destinationBit, count);
}
