using SerialCluster.Abstractions.Jobs;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Grains.Execution;

/// <summary>
/// Turns per-stage measurements into a <see cref="JobProfile"/>. The job's build seconds are what the silos reported
/// with the stages (see <see cref="StageProfile.BuildSeconds"/>) plus the coordinator's own, built during the job.
/// </summary>
public static class ProfileBuilder
{
    /// <summary>Above this many stages the profile lists stages merged by name (a stepped job can have millions).</summary>
    public const int MaxListedStages = 256;

    /// <summary>
    /// The profile of a job that ran the first <paramref name="stagesRun"/> of the plan's stages (all of them, unless the
    /// plan stopped early: <see cref="WorkloadPlan.IsComplete"/>): its <c>work</c> and <c>span</c> are the units of those
    /// stages (<see cref="WorkloadPlan.UnitsDone"/>), what the job did, not the plan's cap.
    /// </summary>
    public static JobProfile Build(
        WorkloadPlan plan,
        int stagesRun,
        double wallSeconds,
        IReadOnlyList<StageProfile> stages,
        IReadOnlyDictionary<string, int> silos,
        string? serialSilo,
        int parallelismCap,
        List<JobPrediction>? predictions = null,
        string? chosenMode = null,
        double? predictedSeconds = null,
        double? correctedPredictedSeconds = null,
        string? choiceReason = null,
        double coordinatorBuildSeconds = 0)
    {
        var work = stages.Sum(s => s.WorkSeconds);
        var span = stages.Sum(s => s.SpanSeconds);
        var done = plan.UnitsDone(stagesRun);
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
            Work: done.Work,
            Span: done.Span,
            Unit: plan.Unit,
            StageProfiles: TaskSpans.Cap(Compact(stages)),
            ParallelismCap: parallelismCap,
            Predictions: predictions,
            ChosenMode: chosenMode,
            PredictedSeconds: predictedSeconds,
            CorrectedPredictedSeconds: correctedPredictedSeconds,
            ChoiceReason: choiceReason,
            BuildSeconds: coordinatorBuildSeconds + stages.Sum(s => s.BuildSeconds));
    }

    /// <summary>Every stage when there are few; otherwise one entry per stage name, summed, indexed by its first stage.</summary>
    public static List<StageProfile> Compact(IReadOnlyList<StageProfile> stages)
    {
        if (stages.Count <= MaxListedStages)
        {
            return [.. stages];
        }

        return [.. stages
            .GroupBy(s => (s.Name, s.Kind))
            .Select(g => new StageProfile(
                g.First().Index,
                $"{g.Key.Name} ×{g.Count()}",
                g.Key.Kind,
                g.Sum(s => s.Tasks),
                g.Sum(s => s.WallSeconds),
                g.Sum(s => s.WorkSeconds),
                g.Sum(s => s.SpanSeconds),
                g.Sum(s => s.WorkUnits),
                g.Sum(s => s.SpanUnits),
                g.First().StartSeconds,
                g.Any(s => s.TaskSpans is not null) ? TaskSpans.PerSilo(g.SelectMany(s => s.TaskSpans ?? [])) : null,
                BuildSeconds: g.Sum(s => s.BuildSeconds)))];
    }
}
