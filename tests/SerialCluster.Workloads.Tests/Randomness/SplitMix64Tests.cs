using SerialCluster.Workloads.Randomness;

namespace SerialCluster.Workloads.Tests.Randomness;

public sealed class SplitMix64Tests
{
    [Fact]
    public void Seed1234567MatchesPublishedVector()
    {
        // Vigna's reference splitmix64.c, seed 1234567.
        Assert.Equal(6457827717110365317UL, SplitMix64.At(1234567, 0));
        Assert.Equal(3203168211198807973UL, SplitMix64.At(1234567, 1));
        Assert.Equal(9817491932198370423UL, SplitMix64.At(1234567, 2));
    }

    [Fact]
    public void SeedZeroFirstOutputMatchesPublishedVector()
    {
        Assert.Equal(0xE220A8397B1DCDAFUL, SplitMix64.At(0, 0));
    }

    [Fact]
    public void RandomAccessEqualsSequentialGenerator()
    {
        // The textbook stateful form, written out independently of At().
        ulong state = 99;
        for (ulong k = 0; k < 1000; k++)
        {
            state += 0x9E3779B97F4A7C15UL;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            Assert.Equal(z, SplitMix64.At(99, k));
        }
    }

    [Fact]
    public void UnitIntervalUsesTop53Bits()
    {
        Assert.Equal(0.0, SplitMix64.ToUnitInterval(0));
        Assert.Equal(0.5, SplitMix64.ToUnitInterval(1UL << 63));
        Assert.True(SplitMix64.ToUnitInterval(ulong.MaxValue) < 1.0);
        Assert.Equal(0.0, SplitMix64.ToUnitInterval(0x7FF)); // the low 11 bits are discarded
    }
}
