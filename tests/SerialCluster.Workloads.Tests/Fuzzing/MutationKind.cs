namespace SerialCluster.Workloads.Tests.Fuzzing;

internal enum MutationKind
{
    Insert,
    Delete,
    Replace,
    DuplicateLine,
    Truncate,
}
