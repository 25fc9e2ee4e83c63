using SerialCluster.Workloads.Randomness;

namespace SerialCluster.Workloads.Eca;

/// <summary>
/// The row at t = 0, generated wherever it is needed: one ON cell at the centre (init=single), or cell j of the
/// initial segment = lowest bit of SplitMix64 output j of the seed (init=random); every other cell OFF.
/// </summary>
internal sealed class EcaInitialRow(EcaGeometry geometry) : IEcaRowSource
{
    public void Read(long first, long count, Span<ulong> destination, long destinationBit)
    {
        EcaBits.Fill(destination, destinationBit, count, false);
        if (!geometry.RandomInit)
        {
            if (geometry.Center >= first && geometry.Center < first + count)
            {
                EcaBits.Set(destination, destinationBit + geometry.Center - first, true);
            }

            return;
        }

        var liveTo = Math.Min(first + count, geometry.LiveEnd);
        for (var x = Math.Max(first, geometry.LiveStart); x < liveTo; x += 64)
        {
            var n = (int)Math.Min(64, liveTo - x);
            var j = (ulong)(x - geometry.LiveStart);
            ulong word = 0;
            for (var k = 0; k < n; k++)
            {
                word |= (SplitMix64.At(geometry.Seed, j + (ulong)k) & 1) << k;
            }

            EcaBits.Copy(new ReadOnlySpan<ulong>(ref word), 0, destination, destinationBit + x - first, n);
        }
    }
}
