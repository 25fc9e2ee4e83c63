using SerialCluster.Abstractions.Jobs;
using SerialCluster.Kernels.Plans;

namespace SerialCluster.Grains.Execution;

/// <summary>Turns per-stage measurements into a <see cref="JobProfile"/>.</summary>
public static class ProfileBuilder
{
    public static JobProfile Build(
        WorkloadPlan plan,
        double wallSeconds,
        IReadOnlyList<StageProfile> stages,
        IReadOnlyDictionary<string, int> silos,
        string? serialSilo,
        int parallelismCap)
    {
        var work = stages.Sum(s => s.WorkSeconds);
        var span = stages.Sum(s => s.SpanSeconds);
        return new JobProfile(
            WallSeconds: wallSeconds,
            WorkSeconds: work,
            SpanSeconds: span,
            Parallelism: span > 0 ? work / span : 1.0,
            OverheadSeconds: Math.Max(0, wallSeconds - span),
            Tasks: stages.Sum(s => s.Tasks),
            Stages: stages.Count,
            Silos: new Dictionary<string, int>(silos, StringComparer.Ordinal),
            SerialSilo: serialSilo,
            Work: plan.Work,
            Span: plan.Span,
            Unit: plan.Unit,
            StageProfiles: [.. stages],
            ParallelismCap: parallelismCap);
    }
}
