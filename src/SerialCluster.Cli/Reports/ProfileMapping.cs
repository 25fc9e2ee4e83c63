using System.Globalization;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Analysis.Scaling;
using SerialCluster.Analysis.Schedule;
using SerialCluster.Analysis.Timeline;

namespace SerialCluster.Cli.Reports;

/// <summary>Reads a measured <see cref="JobProfile"/> into the analysis' plain records: timeline stages, stage costs, work and span.</summary>
public static class ProfileMapping
{
    public static List<TimelineStage> Timeline(JobProfile profile) =>
        [.. profile.StageProfiles.Select(s => new TimelineStage(
            s.Index,
            s.Name,
            s.Kind,
            s.StartSeconds,
            s.WallSeconds,
            s.WorkSeconds,
            s.SpanSeconds,
            s.Tasks,
            [.. (s.TaskSpans ?? []).Select(t => new TimelineSpan(t.Silo, t.StartSeconds, t.EndSeconds, t.KernelSeconds, t.Tasks))]))];

    /// <summary>
    /// Each stage's task times for the simulator: the recorded tasks when every one was kept; per-silo aggregates split
    /// evenly into their tasks; otherwise one task of the stage's span and the rest sharing its remaining work. A stage
    /// the profile merged ("name ×N") becomes N equal stages again, so its barriers are kept.
    /// </summary>
    public static List<StageCosts> Costs(JobProfile profile)
    {
        var stages = new List<StageCosts>();
        foreach (var stage in profile.StageProfiles)
        {
            var chain = string.Equals(stage.Kind, "chain", StringComparison.OrdinalIgnoreCase);
            var repeats = MergedCount(stage.Name);
            var tasks = Math.Max(1, stage.Tasks / repeats);
            double[] times;
            if (repeats == 1 && stage.TaskSpans is { Count: > 0 } spans && spans.Sum(t => t.Tasks) == stage.Tasks)
            {
                times = [.. spans.OrderBy(t => t.StartSeconds).SelectMany(t => Enumerable.Repeat(t.KernelSeconds / t.Tasks, t.Tasks))];
            }
            else
            {
                var work = stage.WorkSeconds / repeats;
                var span = Math.Min(work, stage.SpanSeconds / repeats);
                times = tasks == 1 ? [work] : [span, .. Enumerable.Repeat((work - span) / (tasks - 1), tasks - 1)];
            }

            for (var r = 0; r < repeats; r++)
            {
                stages.Add(new StageCosts(stage.Name, chain, times));
            }
        }

        return stages;
    }

    /// <summary>Work, span, tasks, stages and the dispatch cost per task ((wall − work)/tasks, at least 0) of one job.</summary>
    public static WorkSpan WorkSpan(JobProfile profile) => new(
        profile.WorkSeconds,
        profile.SpanSeconds,
        profile.Tasks,
        profile.Stages,
        profile.Tasks > 0 ? Math.Max(0, profile.WallSeconds - profile.WorkSeconds) / profile.Tasks : 0);

    /// <summary>Wall time outside every stage: before the first (planning, cost-model probe), between and after them.</summary>
    public static double FixedSeconds(JobProfile profile) =>
        Math.Max(0, profile.WallSeconds - profile.StageProfiles.Sum(s => s.WallSeconds));

    /// <summary>The what-if model of one job that ran on <paramref name="cores"/> cores.</summary>
    public static WhatIfModel Model(JobProfile profile, int cores) =>
        WhatIfModel.Calibrate(Costs(profile), cores, profile.WallSeconds, FixedSeconds(profile));

    private static int MergedCount(string name)
    {
        var at = name.LastIndexOf(" ×", StringComparison.Ordinal);
        return at >= 0 && int.TryParse(name.AsSpan(at + 2), NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0 ? count : 1;
    }
}
