using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SerialCluster.Workloads.Eca;

/// <summary>
/// Any of the 256 rules, from its algebraic normal form: the rule's truth table (bit 4·L + 2·C + R) is turned
/// into the XOR of the monomials 1, R, C, CR, L, LR, LC, LCR with 0/1 coefficients (a Möbius transform), held
/// as all-zero or all-one masks so evaluation is branch-free: about fourteen bitwise operations per 64 cells.
/// </summary>
internal readonly struct EcaAnyRule : IEcaRule
{
    private readonly ulong _one;
    private readonly ulong _r;
    private readonly ulong _c;
    private readonly ulong _cr;
    private readonly ulong _l;
    private readonly ulong _lr;
    private readonly ulong _lc;
    private readonly ulong _lcr;

    public EcaAnyRule(int rule)
    {
        // a[m] = xor of f(s) over the subsets s of m; m's bits: 4 = L, 2 = C, 1 = R.
        Span<int> anf = stackalloc int[8];
        for (var m = 0; m < 8; m++)
        {
            var coefficient = 0;
            for (var s = 0; s < 8; s++)
            {
                if ((s & ~m) == 0)
                {
                    coefficient ^= (rule >> s) & 1;
                }
            }

            anf[m] = coefficient;
        }

        _one = Mask(anf[0]);
        _r = Mask(anf[1]);
        _c = Mask(anf[2]);
        _cr = Mask(anf[3]);
        _l = Mask(anf[4]);
        _lr = Mask(anf[5]);
        _lc = Mask(anf[6]);
        _lcr = Mask(anf[7]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Apply(ulong left, ulong centre, ulong right) =>
        _one ^ (right & _r) ^ (centre & (_c ^ (right & _cr))) ^ (left & (_l ^ (right & _lr) ^ (centre & (_lc ^ (right & _lcr)))));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<ulong> Apply(Vector256<ulong> left, Vector256<ulong> centre, Vector256<ulong> right) =>
        Vector256.Create(_one) ^ (right & Vector256.Create(_r))
        ^ (centre & (Vector256.Create(_c) ^ (right & Vector256.Create(_cr))))
        ^ (left & (Vector256.Create(_l) ^ (right & Vector256.Create(_lr)) ^ (centre & (Vector256.Create(_lc) ^ (right & Vector256.Create(_lcr))))));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<ulong> Apply(Vector512<ulong> left, Vector512<ulong> centre, Vector512<ulong> right) =>
        Vector512.Create(_one) ^ (right & Vector512.Create(_r))
        ^ (centre & (Vector512.Create(_c) ^ (right & Vector512.Create(_cr))))
        ^ (left & (Vector512.Create(_l) ^ (right & Vector512.Create(_lr)) ^ (centre & (Vector512.Create(_lc) ^ (right & Vector512.Create(_lcr))))));

    private static ulong Mask(int bit) => bit == 0 ? 0UL : ulong.MaxValue;
}
