using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SerialCluster.Workloads.Eca;

/// <summary>Rule 110: new = (centre xor right) or (centre and not left).</summary>
internal readonly struct EcaRule110 : IEcaRule
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Apply(ulong left, ulong centre, ulong right) => (centre ^ right) | (centre & ~left);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<ulong> Apply(Vector256<ulong> left, Vector256<ulong> centre, Vector256<ulong> right) =>
        (centre ^ right) | Vector256.AndNot(centre, left);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<ulong> Apply(Vector512<ulong> left, Vector512<ulong> centre, Vector512<ulong> right) =>
        (centre ^ right) | Vector512.AndNot(centre, left);
}
