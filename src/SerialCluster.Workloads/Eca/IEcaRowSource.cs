namespace SerialCluster.Workloads.Eca;

/// <summary>A row's cells as some holder has them: the initial row, the strips of a stage, or one whole row.</summary>
internal interface IEcaRowSource
{
    /// <summary>Copies row cells [<paramref name="first"/>, first + count), all inside the row, to bit <paramref name="destinationBit"/> of
    /// <paramref name="destination"/>.</summary>
    void Read(long first, long count, Span<ulong> destination, long destinationBit);
}
