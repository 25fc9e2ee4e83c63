using SerialCluster.Analysis.Caveats;
using SerialCluster.Analysis.Scaling;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;
using static SerialCluster.Cli.Reports.Numbers;

namespace SerialCluster.Cli.Reports;

/// <summary>
/// A sweep's conclusion in one sentence, for someone choosing between more cores and a faster one, read against the
/// best serial run when measured (slower than one core is "slower", whatever it gains against its own P = 1). On cores
/// that delivered well under their count (the capacity control), on a busy machine (<see cref="LoadDuringRun"/>) or past
/// the cores (<see cref="ImpossibleEfficiency"/>) it is "inconclusive" rather than a judgement of the program.
/// </summary>
public static class SweepVerdict
{
    /// <summary>Below this share of P, the capacity control says the cores were busy with something else.</summary>
    public const double BusyCapacityShare = 0.6;

    /// <summary>A speedup this close to 1 (either side) is no gain and no loss.</summary>
    public const double Even = 0.05;

    public static string Describe(SweepResult sweep) => Describe(sweep.Analysis, sweep.Mode, PlanBound(sweep), sweep.Load);

    /// <param name="planBound">
    /// The most speedup the plan's stages allow at P (<see cref="WorkloadPlan.SpeedupBound(int)"/>: Amdahl's law for a chain then a
    /// wide stage); null to judge against the measured work–span bound, else against P.
    /// </param>
    /// <param name="load">Other programs' load around the runs: on a busy machine the verdict is inconclusive.</param>
    public static string Describe(ScalingAnalysis a, string mode, Func<int, double>? planBound = null, LoadDuringRun? load = null)
    {
        var top = a.Points.Where(p => !p.Saturated && p.P > 1).MaxBy(p => p.P);
        if (top is null)
        {
            return "no P above 1 within the cores was measured: nothing to conclude about more cores";
        }

        var busy = a.CapacityAt(top.P) is { } c && c.Capacity < BusyCapacityShare * top.P
            ? $"inconclusive: the {top.P} {a.Noun} delivered only {F(c.Capacity, "F2")} " +
                $"{(a.Noun == "cores" ? "cores'" : "such silos'")} worth of work to the control beside these runs (the machine was busy); rerun on an idle " +
                "machine. Measured: "
            : string.Empty;
        var baseline = a.IsAbsolute ? "the best serial run (pinned)" : $"this mode at P = 1";
        string verdict;
        if (top.Speedup < 1 - Even)
        {
            verdict = a.IsAbsolute
                ? $"more {a.Noun} made it slower: at P = {top.P} the {mode} job takes {F(1 / top.Speedup, "F2")}× as long as {baseline} — the barriers and " +
                    $"dispatch cost more than the width saved; run it pinned, and only a faster core would help"
                : $"more {a.Noun} made it slower: at P = {top.P} it takes {F(1 / top.Speedup, "F2")}× as long as at P = 1";
            if (a.IsAbsolute && top.RelativeSpeedup > 1 + Even)
            {
                verdict += $" (against its own P = 1 it scales {F(top.RelativeSpeedup, "F2")}×: scalability, not speedup)";
            }
        }
        else if (top.Speedup <= 1 + Even)
        {
            verdict = $"serial: at P = {top.P} it is no faster than {baseline} ({F(top.Speedup, "F2")}×); more cores cannot help, a faster core would";
        }
        else if (ImpossibleEfficiency.Is(top.Speedup, top.P))
        {
            verdict = ImpossibleEfficiency.Describe(top.Speedup, top.P);
        }
        else
        {
            // Judged against what the job's own work and span allow at P (a serial part caps it below P), else against P.
            var measured = a.Bounds.FirstOrDefault(b => b.P == top.P)?.SpanSpeedup;
            var allowed = planBound?.Invoke(top.P) ?? measured ?? double.NaN;
            var bound = double.IsFinite(allowed) && allowed > 0 ? Math.Min(allowed, top.P) : top.P;
            var ideal = bound < top.P ? $"of the {F(bound, "F2")}× its {(planBound is null ? "work and span" : "plan")} allows" : "of linear";
            var share = top.Speedup / bound;
            verdict = share >= 0.8
                ? $"parallel: more {a.Noun} help — {F(top.Speedup, "F2")}× against {baseline} on {top.P} {a.Noun} ({F(share, "P0")} {ideal})"
                : $"parallel, but overhead-bound: {F(top.Speedup, "F2")}× against {baseline} on {top.P} {a.Noun} ({F(share, "P0")} {ideal}); give each task " +
                    $"more work";
        }

        return busy.Length > 0 || load is null ? busy + verdict : load.Qualify(verdict);
    }

    private static Func<int, double>? PlanBound(SweepResult sweep)
    {
        try
        {
            return WorkloadCatalog.Get(sweep.Workload).Plan(sweep.Parameters).SpeedupBound;
        }
        catch (Exception e) when (e is InvalidParameterException or UnknownWorkloadException)
        {
            return null;
        }
    }
}
