using SerialCluster.Kernels.Randomness;

namespace SerialCluster.Kernels.Workloads.Eca;

/// <summary>
/// The row at t = 0, generated wherever it is needed: one ON cell at the centre (init=single), or cell j of the
/// initial segment = lowest bit of SplitMix64 output j of the seed (init=random); every other cell OFF.
/// </summary>
internal sealed class EcaInitialRow(EcaGeometry geometry) : IEcaRowSource
{
    public void Read(long first, long count, Span<ulong> destination, long destinationBit)
    {
        EcaBits.Fill(destination, destinationBit, count, false);
        var liveFrom = Math.Max(first, geometry.LiveStart);
        var liveTo = Math.Min(first + count, geometry.LiveEnd);
        if (!geometry.RandomInit)
        {
            if (geometry.Center >= first && geometry.Center < first + count)
            {
                EcaBits.Set(destination, destinationBit + geometry.Center - first, true);
            }

            return;
        }

        for (var x = liveFrom; x < liveTo; x++)
        {
            var j = (ulong)(x - geometry.LiveStart);
            if ((SplitMix64.At(geometry.Seed, j) & 1) != 0)
            {
                EcaBits.Set(destination, destinationBit + x - first, true);
            }
        }
    }
}
