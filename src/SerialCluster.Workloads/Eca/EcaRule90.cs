using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SerialCluster.Workloads.Eca;

/// <summary>Rule 90: new = left xor right (linear over GF(2)).</summary>
internal readonly struct EcaRule90 : IEcaRule
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Apply(ulong left, ulong centre, ulong right) => left ^ right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<ulong> Apply(Vector256<ulong> left, Vector256<ulong> centre, Vector256<ulong> right) => left ^ right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<ulong> Apply(Vector512<ulong> left, Vector512<ulong> centre, Vector512<ulong> right) => left ^ right;
}
