namespace SerialCluster.Abstractions.GrainInterfaces;

/// <summary>
/// Calls that compute (a chain, a pinned job, a task) may legitimately run for hours, far past Orleans'
/// 30-second default response timeout; they carry this one instead. A timeout is the wrong detector for a
/// lost silo on such calls: callers that must survive silo loss watch the callee's progress instead.
/// </summary>
public static class LongRunning
{
    public const string Timeout = "7.00:00:00";
}
