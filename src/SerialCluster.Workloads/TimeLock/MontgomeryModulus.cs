using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace SerialCluster.Workloads.TimeLock;

/// <summary>
/// Arithmetic modulo an odd N in Montgomery form on 64-bit limbs (least significant first), R = 2^(64·limbs):
/// a value a is held as a·R mod N, and a squaring is a full square followed by one REDC, with no division.
/// The square uses the symmetric trick (cross products once, doubled), so one modular squaring costs about
/// 1.5·limbs² 64-bit multiplications against about 2·limbs² for a general Montgomery product.
/// </summary>
public sealed unsafe class MontgomeryModulus
{
    private readonly ulong[] _modulus;
    private readonly ulong _negativeInverse;

    public MontgomeryModulus(BigInteger modulus)
    {
        if (modulus < 3 || modulus.IsEven)
        {
            throw new ArgumentOutOfRangeException(nameof(modulus), "Montgomery arithmetic needs an odd modulus of at least 3.");
        }

        Value = modulus;
        Limbs = (int)((modulus.GetBitLength() + 63) / 64);
        _modulus = ToLimbs(modulus, Limbs);

        // −N⁻¹ mod 2^64 by Newton's iteration: each step doubles the correct low bits (3 → 6 → … → 96).
        var inverse = _modulus[0];
        for (var i = 0; i < 5; i++)
        {
            inverse = unchecked(inverse * (2 - (_modulus[0] * inverse)));
        }

        _negativeInverse = unchecked(0 - inverse);
    }

    /// <summary>N.</summary>
    public BigInteger Value { get; }

    /// <summary>64-bit limbs of N (and of every residue).</summary>
    public int Limbs { get; }

    /// <summary>a·R mod N, as limbs.</summary>
    public ulong[] ToMontgomery(BigInteger value) => ToLimbs(((value % Value) << (64 * Limbs)) % Value, Limbs);

    /// <summary>The ordinary value of a residue held in Montgomery form.</summary>
    public BigInteger FromMontgomery(ReadOnlySpan<ulong> residue)
    {
        var wide = new ulong[2 * Limbs];
        residue.CopyTo(wide);
        var result = new ulong[Limbs];
        fixed (ulong* t = wide, r = result, n = _modulus)
        {
            Reduce(t, r, n, _negativeInverse, Limbs);
        }

        return FromLimbs(result);
    }

    /// <summary>
    /// Squares <paramref name="residue"/> (Montgomery form) in place <paramref name="count"/> times;
    /// <paramref name="scratch"/> holds at least 2·<see cref="Limbs"/> limbs.
    /// </summary>
    public void SquareRepeatedly(Span<ulong> residue, Span<ulong> scratch, long count)
    {
        if (residue.Length != Limbs || scratch.Length < 2 * Limbs)
        {
            throw new ArgumentException($"A residue has {Limbs} limbs and the scratch at least {2 * Limbs}.");
        }

        fixed (ulong* a = residue, t = scratch, n = _modulus)
        {
            for (long i = 0; i < count; i++)
            {
                Square(a, t, Limbs);
                Reduce(t, a, n, _negativeInverse, Limbs);
            }
        }
    }

    /// <summary>
    /// <paramref name="residue"/> ← residue·factor·R⁻¹ mod N, both in Montgomery form (so the product is too);
    /// <paramref name="scratch"/> holds at least 2·<see cref="Limbs"/> limbs. The trapdoor's square-and-multiply
    /// needs it; the squaring chain never does.
    /// </summary>
    public void Multiply(Span<ulong> residue, ReadOnlySpan<ulong> factor, Span<ulong> scratch)
    {
        if (residue.Length != Limbs || factor.Length != Limbs || scratch.Length < 2 * Limbs)
        {
            throw new ArgumentException($"Residues have {Limbs} limbs and the scratch at least {2 * Limbs}.");
        }

        fixed (ulong* a = residue, b = factor, t = scratch, n = _modulus)
        {
            // Schoolbook rows: row i adds a[i]·b at t[i .. i + n) and its carry lands in t[i + n], still zero.
            new Span<ulong>(t, 2 * Limbs).Clear();
            for (var i = 0; i < Limbs; i++)
            {
                t[i + Limbs] = MultiplyAccumulate(t + i, b, a[i], Limbs);
            }

            // a, b < N, so a·b < N² < N·R, as REDC requires.
            Reduce(t, a, n, _negativeInverse, Limbs);
        }
    }

    /// <summary>Limbs of a non-negative value below 2^(64·<paramref name="limbs"/>), least significant first.</summary>
    public static ulong[] ToLimbs(BigInteger value, int limbs)
    {
        var limbArray = new ulong[limbs];
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: false);
        for (var i = 0; i < bytes.Length; i++)
        {
            limbArray[i / 8] |= (ulong)bytes[i] << (8 * (i % 8));
        }

        return limbArray;
    }

    /// <summary>The value of limbs, least significant first.</summary>
    public static BigInteger FromLimbs(ReadOnlySpan<ulong> limbs)
    {
        var bytes = new byte[limbs.Length * 8];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(limbs[i / 8] >> (8 * (i % 8)));
        }

        return new BigInteger(bytes, isUnsigned: true, isBigEndian: false);
    }

    // t[0 .. 2n) = a², a < R.
    private static void Square(ulong* a, ulong* t, int n)
    {
        new Span<ulong>(t, 2 * n).Clear();

        // Cross products a[i]·a[j], i < j, once.
        for (var i = 0; i < n - 1; i++)
        {
            t[i + n] = MultiplyAccumulate(t + (2 * i) + 1, a + i + 1, a[i], n - i - 1);
        }

        // Double them: Σ_{i<j} 2·a[i]·a[j] < a² < R², so nothing leaves the top limb.
        ulong shifted = 0;
        for (var k = 0; k < 2 * n; k++)
        {
            var limb = t[k];
            t[k] = (limb << 1) | shifted;
            shifted = limb >> 63;
        }

        // Add the squares a[i]² on the diagonal.
        ulong diagonalCarry = 0;
        for (var i = 0; i < n; i++)
        {
            var high = Math.BigMul(a[i], a[i], out var low);
            var sum = t[2 * i] + low;
            var c1 = sum < low ? 1UL : 0UL;
            var sum2 = sum + diagonalCarry;
            c1 += sum2 < sum ? 1UL : 0UL;
            t[2 * i] = sum2;

            var upper = t[(2 * i) + 1] + high;
            var c2 = upper < high ? 1UL : 0UL;
            var upper2 = upper + c1;
            c2 += upper2 < upper ? 1UL : 0UL;
            t[(2 * i) + 1] = upper2;
            diagonalCarry = c2;
        }
    }

    // r = t·R⁻¹ mod N for t < N·R (REDC), t destroyed; r may alias nothing in t.
    private static void Reduce(ulong* t, ulong* r, ulong* modulus, ulong negativeInverse, int n)
    {
        ulong pending = 0; // carry owed to t[i + n], from the row before
        for (var i = 0; i < n; i++)
        {
            var row = t + i;
            var m = unchecked(row[0] * negativeInverse);
            var carry = MultiplyAccumulate(row, modulus, m, n);

            var top = t[i + n];
            var sum = top + carry;
            var owed = sum < top ? 1UL : 0UL;
            var sum2 = sum + pending;
            owed += sum2 < sum ? 1UL : 0UL;
            t[i + n] = sum2;
            pending = owed;
        }

        // The result, t[n .. 2n) + pending·R, is below 2N: subtract N once when it is at least N.
        var upper = t + n;
        if (pending != 0 || !Below(upper, modulus, n))
        {
            ulong borrow = 0;
            for (var j = 0; j < n; j++)
            {
                var x = upper[j];
                var d = x - modulus[j];
                var b1 = x < modulus[j] ? 1UL : 0UL;
                var d2 = d - borrow;
                b1 += d < borrow ? 1UL : 0UL;
                r[j] = d2;
                borrow = b1;
            }
        }
        else
        {
            for (var j = 0; j < n; j++)
            {
                r[j] = upper[j];
            }
        }
    }

    private static bool Below(ulong* x, ulong* modulus, int n)
    {
        for (var j = n - 1; j >= 0; j--)
        {
            if (x[j] != modulus[j])
            {
                return x[j] < modulus[j];
            }
        }

        return false;
    }

    // row[0 .. count) += factor · b[0 .. count); returns the carry out of the top limb. Unrolled by two, on
    // pointers, so the JIT keeps every value in a register; the carry chain is what bounds its speed.
    private static ulong MultiplyAccumulate(ulong* row, ulong* b, ulong factor, int count)
    {
        ulong carry = 0;
        var end = b + count;
        while (b + 2 <= end)
        {
            var p0 = Multiply(factor, b[0]) + row[0] + carry;
            row[0] = (ulong)p0;
            var p1 = Multiply(factor, b[1]) + row[1] + (ulong)(p0 >> 64);
            row[1] = (ulong)p1;
            carry = (ulong)(p1 >> 64);
            row += 2;
            b += 2;
        }

        if (b < end)
        {
            var p = Multiply(factor, b[0]) + row[0] + carry;
            row[0] = (ulong)p;
            carry = (ulong)(p >> 64);
        }

        return carry;
    }

    // The full 128-bit product. Math.BigMul returns its low half through memory; MULX for the high half and an
    // ordinary multiply for the low half keep both in registers, which is what keeps the loops above spill-free.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static UInt128 Multiply(ulong a, ulong b) =>
        Bmi2.X64.IsSupported
            ? new UInt128(Bmi2.X64.MultiplyNoFlags(a, b), a * b)
            : Math.BigMul(a, b);
}
