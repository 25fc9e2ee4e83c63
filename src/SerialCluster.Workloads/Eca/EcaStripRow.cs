namespace SerialCluster.Workloads.Eca;

/// <summary>A row held as the outputs of a stage's tasks: strip i's cells first in task i's output.</summary>
internal sealed class EcaStripRow(EcaGeometry geometry, IReadOnlyList<byte[]> strips) : IEcaRowSource
{
    public void Read(long first, long count, Span<ulong> destination, long destinationBit)
    {
        var strip = geometry.StripOf(first);
        while (count > 0)
        {
            var start = geometry.StripStart(strip);
            var end = geometry.StripEnd(strip);
            var n = Math.Min(count, end - first);
            var words = EcaBits.ReadWords(strips[strip], 0, EcaBits.WordsFor(end - start));
            EcaBits.Copy(words, first - start, destination, destinationBit, n);
            first += n;
            destinationBit += n;
            count -= n;
            strip++;
        }
    }
}
