using SerialCluster.Abstractions.Jobs;
using SerialCluster.Analysis.Scaling;
using SerialCluster.CostModel.Prediction;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Grains.Diagnostics;

/// <summary>
/// What a completed job puts in its workload's last-job gauges: speedup T_serial / wall (<see cref="SerialReference"/>;
/// work / wall when nothing predicted T_serial), parallelism work / span, Karp–Flatt e at the P used, and the plan's bound.
/// </summary>
public readonly record struct LastJobFigures(double Speedup, double Parallelism, double SerialFraction, double Bound, int Processors)
{

    public static LastJobFigures Measure(JobProfile profile, IReadOnlyList<StageSpec> stages)
    {
        var processors = ProcessorsUsed(profile);
        var speedup = SerialReference.From(profile) is { } serial
            ? serial.SpeedupOf(profile.WallSeconds)
            : profile.WallSeconds > 0 ? profile.WorkSeconds / profile.WallSeconds : double.NaN;
        return new LastJobFigures(
            speedup,
            profile.Parallelism,
            ScalingAnalysis.KarpFlatt(speedup, processors),
            WorkloadPlan.SpeedupBound(stages, processors),
            processors);
    }

    /// <summary>The P a job really used: 1 when it ran pinned, else its cap (never more than its tasks).</summary>
    public static int ProcessorsUsed(JobProfile profile) =>
        string.Equals(profile.ChosenMode, ModePrediction.Pinned, StringComparison.Ordinal) || profile.ParallelismCap < 1
            ? 1
            : Math.Clamp(profile.Tasks, 1, profile.ParallelismCap);
}
