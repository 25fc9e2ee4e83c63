using SerialCluster.Workloads.Randomness;

namespace SerialCluster.Workloads.MonteCarlo;

/// <summary>The counting loop: point k is (u(2k), u(2k+1)) with u the unit-interval map of SplitMix64.</summary>
public static class MonteCarloKernel
{
    private const long CancellationCheckInterval = 1 << 22;

    /// <summary>Counts the points k in [<paramref name="first"/>, <paramref name="end"/>) inside the quarter circle.</summary>
    public static long CountInside(ulong seed, long first, long end, CancellationToken cancellationToken = default)
    {
        long inside = 0;
        for (var blockStart = first; blockStart < end; blockStart += CancellationCheckInterval)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var blockEnd = Math.Min(end, blockStart + CancellationCheckInterval);
            inside += CountBlock(seed, blockStart, blockEnd);
        }

        return inside;
    }

    private static long CountBlock(ulong seed, long first, long end)
    {
        long inside = 0;
        var state = unchecked(seed + ((ulong)first * 2 * SplitMix64.Gamma));
        for (var k = first; k < end; k++)
        {
            state = unchecked(state + SplitMix64.Gamma);
            var x = SplitMix64.ToUnitInterval(SplitMix64.Mix(state));
            state = unchecked(state + SplitMix64.Gamma);
            var y = SplitMix64.ToUnitInterval(SplitMix64.Mix(state));
            inside += (x * x) + (y * y) < 1.0 ? 1 : 0;
        }

        return inside;
    }
}
