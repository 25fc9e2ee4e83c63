namespace SerialCluster.Analysis.Timeline;

/// <summary>
/// One link of the critical path: in a plan of barriered stages the path runs through each stage's last-finishing
/// task; <see cref="WaitSeconds"/> is the stage's wall time not covered by that task's compute (dispatch, imbalance, barrier).
/// </summary>
public sealed record CriticalStep(int Stage, string Name, string? Silo, double Start, double End, double KernelSeconds, double StageWallSeconds)
{
    public double WaitSeconds => Math.Max(0, StageWallSeconds - KernelSeconds);
}
