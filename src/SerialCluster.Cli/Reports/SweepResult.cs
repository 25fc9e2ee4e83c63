using SerialCluster.Abstractions.Jobs;
using SerialCluster.Analysis.Caveats;
using SerialCluster.Analysis.Scaling;
using SerialCluster.Analysis.Schedule;
using SerialCluster.CostModel.Cores;

namespace SerialCluster.Cli.Reports;

/// <summary>
/// A finished sweep: every run, the analysis, the median P = 1 job (whose work, span and tasks feed the bounds and the
/// what-if model) and that model's checks, the capacity control's runs, and the pinned baseline's runs (empty with
/// <c>--baseline none</c>), other programs' load before and after the runs (null where not measured), and what P counts
/// (<see cref="Unit"/>: cores, or slow silos under equal CPU quotas; <see cref="Cores"/> is how many of them there are).
/// </summary>
public sealed record SweepResult(
    string Workload,
    IReadOnlyDictionary<string, string> Parameters,
    string Mode,
    string Cluster,
    int Cores,
    int Repeat,
    IReadOnlyList<SweepRun> Runs,
    ScalingAnalysis Analysis,
    JobStatus Baseline,
    WhatIfModel Model,
    IReadOnlyList<WhatIfCheck> Checks,
    SweepControl? Control = null,
    IReadOnlyList<SweepRun>? SerialRuns = null,
    LoadDuringRun? Load = null,
    ProcessorUnit? Unit = null)
{
    private string? _verdict;

    /// <summary>True for a sweep cut short (Ctrl+C): only its complete rounds, fewer than asked for.</summary>
    public bool Partial { get; init; }

    /// <summary>What <see cref="Cores"/> counts, plural: "cores", or "silos" where P counts slow silos.</summary>
    public string Noun => Unit?.Noun ?? "cores";

    /// <summary>The sweep's conclusion (<see cref="SweepVerdict"/>), worked out once: it compiles the plan for its bound.</summary>
    public string Verdict => _verdict ??= SweepVerdict.Describe(this);

    public static SweepResult Build(
        string workload,
        IReadOnlyDictionary<string, string> parameters,
        string mode,
        string cluster,
        int cores,
        int repeat,
        IReadOnlyList<SweepRun> runs,
        SweepControl? control = null,
        IReadOnlyList<SweepRun>? serialRuns = null,
        LoadDuringRun? load = null,
        ProcessorUnit? unit = null)
    {
        var ones = runs.Where(r => r.P == 1).OrderBy(r => r.Seconds).ToList();
        var baseline = ones[(ones.Count - 1) / 2].Status;
        var profile = baseline.Profile!;
        var serial = serialRuns is { Count: > 0 }
            ? new SerialBaseline([.. serialRuns.Select(r => new Observation(1, r.Seconds, r.Repeat))], "pinned: the whole job on one core")
            : null;
        var analysis = ScalingAnalysis.Analyze(
            [.. runs.Select(r => new Observation(r.P, r.Seconds, r.Repeat))],
            cores,
            ProfileMapping.WorkSpan(profile),
            control?.Runs.Select(r => r.Run).ToList(),
            serial) with
        {
            Noun = unit?.Noun ?? "cores",
        };
        var model = ProfileMapping.Model(profile, 1);
        // With a measured capacity the schedule is simulated on the cores the machine delivered at that P.
        var checks = analysis.Points.Select(p => analysis.CapacityAt(p.P) is { } c
            ? WhatIfCheck.OnCapacity(model, p.P, cores, c.Capacity, p.MedianSeconds, p.Spread)
            : WhatIfCheck.Of(model, p.P, cores, p.MedianSeconds, p.Spread)).ToList();
        return new SweepResult(
            workload, parameters, mode, cluster, cores, repeat, runs, analysis, baseline, model, checks, control, serialRuns ?? [], load, unit);
    }

    /// <summary>The sentence the output carries whenever a swept P exceeds the cores available.</summary>
    public string? SaturationNote => Analysis.AnySaturated
        ? $"P = {string.Join(", ", Analysis.Points.Where(p => p.Saturated).Select(p => p.P))} exceed the {Cores} {Noun} available: those points show " +
            $"saturation (tasks sharing cores), not parallel speedup; the Amdahl and Gustafson fits use only P ≤ {Cores}"
        : null;
}
