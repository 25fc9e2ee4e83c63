using System.Numerics;

namespace SerialCluster.Workloads.TimeLock;

/// <summary>
/// The trapdoor's schedule: with φ(N) = (p − 1)(q − 1), y = x^(2^t) mod N = x^e mod N for e ≡ 2^t (mod φ), e ≥ 1 (valid for square-free N even when x
/// shares a factor with N, hence e = φ, not 0, when φ divides 2^t). Two square-and-multiply passes, one operation per step: t's bits give e (mod φ), then
/// e's bits give y (mod N), so span = work = ⌊log₂ t⌋ + popcount(t) − 1 + ⌊log₂ e⌋ + popcount(e) − 1 ≤ 2·log₂ t + 2·log₂ N, against t for the chain.
/// </summary>
public sealed class TimeLockTrapdoor
{
    /// <summary>Step kinds, one byte per step of <see cref="Steps"/>.</summary>
    public const byte SquareModPhi = 0, DoubleModPhi = 1, SquareModN = 2, MultiplyByX = 3;

    public TimeLockTrapdoor(BigInteger p, BigInteger q, long t)
    {
        Phi = (p - 1) * (q - 1);

        // The plan must know e's bits to count its steps; BigInteger.ModPow finds it in O(log t) and the chain
        // computes it again step by step, checking that both agree.
        var e = BigInteger.ModPow(2, t, Phi);
        Exponent = e.IsZero ? Phi : e;

        var steps = new List<byte>();
        AddPass(steps, new BigInteger(t), SquareModPhi, DoubleModPhi);
        AddPass(steps, Exponent, SquareModN, MultiplyByX);
        Steps = [.. steps];
    }

    /// <summary>φ(N) = (p − 1)(q − 1).</summary>
    public BigInteger Phi { get; }

    /// <summary>e: 2^t mod φ(N), or φ(N) when that is 0.</summary>
    public BigInteger Exponent { get; }

    /// <summary>The operations in order.</summary>
    public IReadOnlyList<byte> Steps { get; }

    private static void AddPass(List<byte> steps, BigInteger exponent, byte square, byte multiply)
    {
        for (var bit = (int)exponent.GetBitLength() - 2; bit >= 0; bit--)
        {
            steps.Add(square);
            if (!(exponent >> bit).IsEven)
            {
                steps.Add(multiply);
            }
        }
    }
}
