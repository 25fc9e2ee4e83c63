using System.Numerics;
using SerialCluster.Workloads.TimeLock;

namespace SerialCluster.Workloads.Tests.TimeLock;

public sealed class MillerRabinTests
{
    [Fact]
    public void AgreesWithTrialDivisionBelowTwentyThousand()
    {
        for (var n = 0; n < 20_000; n++)
        {
            var prime = n >= 2 && Enumerable.Range(2, Math.Max(0, (int)Math.Sqrt(n) - 1)).All(d => n % d != 0);
            Assert.True(prime == MillerRabin.IsProbablePrime(n), $"{n}");
        }
    }

    [Theory]
    // Carmichael numbers, strong pseudoprimes to base 2 (2047) and to bases 2, 3, 5, 7 (3215031751), and the
    // smallest strong pseudoprime to every prime base up to 37 (Sorenson & Webster): composite all.
    [InlineData("561")]
    [InlineData("1105")]
    [InlineData("2047")]
    [InlineData("3215031751")]
    [InlineData("318665857834031151167461")]
    [InlineData("340282366920938463463374607431768211457")] // 2^128 + 1 = 59649589127497217 · 5704689200685129054721
    public void RefusesPseudoprimes(string n) => Assert.False(MillerRabin.IsProbablePrime(BigInteger.Parse(n)));

    [Theory]
    [InlineData("2147483647")]                             // 2^31 − 1
    [InlineData("2305843009213693951")]                    // 2^61 − 1
    [InlineData("170141183460469231731687303715884105727")] // 2^127 − 1
    public void AcceptsMersennePrimes(string n) => Assert.True(MillerRabin.IsProbablePrime(BigInteger.Parse(n)));

    [Fact]
    public void RememberedVerdictsAreTheSameVerdicts()
    {
        for (var round = 0; round < 2; round++)
        {
            for (var n = 0; n < 1_000; n++)
            {
                Assert.Equal(MillerRabin.IsProbablePrime(n), MillerRabin.IsProbablePrimeRemembered(n));
            }
        }
    }
}
