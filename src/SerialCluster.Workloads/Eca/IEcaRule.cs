using System.Runtime.Intrinsics;

namespace SerialCluster.Workloads.Eca;

/// <summary>
/// One elementary rule evaluated on 64 cells per machine word: bit i of the result is the rule applied to
/// bit i of <c>left</c>, <c>centre</c> and <c>right</c> (each cell's left neighbour, itself, its right neighbour).
/// Implemented by structs so the stepping loop is specialised per rule and the call inlines.
/// </summary>
internal interface IEcaRule
{
    ulong Apply(ulong left, ulong centre, ulong right);

    Vector256<ulong> Apply(Vector256<ulong> left, Vector256<ulong> centre, Vector256<ulong> right);

    Vector512<ulong> Apply(Vector512<ulong> left, Vector512<ulong> centre, Vector512<ulong> right);
}
