using System.Collections.Concurrent;
using System.Numerics;

namespace SerialCluster.Workloads.TimeLock;

/// <summary>
/// The Miller–Rabin test with the first thirteen primes as bases: a proof of primality below 3.3·10²⁴ (Sorenson &amp;
/// Webster 2015) and, above, a composite passing all thirteen is vanishingly rare unless built on purpose. Fixed
/// bases make the answer the same on every silo, and it is only a guard: a wrong factor gives a wrong φ, so the
/// refusal is what keeps a typo from producing a confident wrong answer.
/// </summary>
public static class MillerRabin
{
    private const int RememberedLimit = 256;

    private static readonly int[] Bases = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41];

    // Verdicts by value. One job's plan is compiled several times (the CLI, the limits filter, the coordinator,
    // each silo that runs it), and testing a 1024-bit factor costs 13 modular exponentiations, tens of milliseconds:
    // a job with the trapdoor would spend more on checking its factors than on its answer.
    private static readonly ConcurrentDictionary<BigInteger, bool> Remembered = new();

    /// <summary><see cref="IsProbablePrime"/>, remembering the last few hundred verdicts.</summary>
    public static bool IsProbablePrimeRemembered(BigInteger n)
    {
        if (Remembered.TryGetValue(n, out var verdict))
        {
            return verdict;
        }

        if (Remembered.Count >= RememberedLimit)
        {
            Remembered.Clear();
        }

        verdict = IsProbablePrime(n);
        Remembered[n] = verdict;
        return verdict;
    }

    public static bool IsProbablePrime(BigInteger n)
    {
        if (n < 2)
        {
            return false;
        }

        foreach (var b in Bases)
        {
            if (n % b == 0)
            {
                return n == b;
            }
        }

        var d = n - 1;
        var s = 0;
        while (d.IsEven)
        {
            d >>= 1;
            s++;
        }

        foreach (var b in Bases)
        {
            var x = BigInteger.ModPow(b, d, n);
            if (x.IsOne || x == n - 1)
            {
                continue;
            }

            var witness = true;
            for (var i = 1; i < s && witness; i++)
            {
                x = x * x % n;
                witness = x != n - 1;
            }

            if (witness)
            {
                return false;
            }
        }

        return true;
    }
}
