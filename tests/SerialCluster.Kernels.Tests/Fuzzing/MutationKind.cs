namespace SerialCluster.Kernels.Tests.Fuzzing;

internal enum MutationKind
{
    Insert,
    Delete,
    Replace,
    DuplicateLine,
    Truncate,
}
