using System.Numerics;

namespace SerialCluster.Kernels.Workloads.TimeLock;

/// <summary>
/// The trapdoor's schedule: with φ(N) = (p − 1)(q − 1) known, y = x^(2^t) mod N = x^e mod N for e ≡ 2^t (mod φ), e ≥ 1
/// (for N = p·q square-free, x^a ≡ x^b mod N whenever a ≡ b mod φ and a, b ≥ 1, even when x shares a factor with N;
/// so e = φ, not 0, when φ divides 2^t). Two left-to-right square-and-multiply passes, one operation per step: over
/// t's bits below the top, square mod φ and double on a 1 bit (e from 2); then over e's bits below the top, square
/// mod N and multiply by x on a 1 bit (y from x). So span = work = ⌊log₂ t⌋ + popcount(t) − 1 + ⌊log₂ e⌋ + popcount(e) − 1
/// ≤ 2·log₂ t + 2·log₂ N, against t for the squaring chain.
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
