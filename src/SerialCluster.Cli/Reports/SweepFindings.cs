using SerialCluster.Analysis.Caveats;
using SerialCluster.Analysis.Scaling;
using static SerialCluster.Cli.Reports.Numbers;

namespace SerialCluster.Cli.Reports;

/// <summary>
/// Lines of a sweep's fits and bounds, the same in the terminal and the HTML report. A fit whose standard error exceeds
/// its value, a negative Gustafson α and an efficiency above 100 % are flagged as such, never read as findings.
/// </summary>
public static class SweepFindings
{
    /// <summary>A serial fraction known to within this is a finding even at 0 (f cannot be negative).</summary>
    public const double FractionResolution = 0.01;

    public static List<string> Lines(SweepResult sweep)
    {
        var a = sweep.Analysis;
        var lines = new List<string>
        {
            $"verdict: {sweep.Verdict}",
            $"speedup, efficiency, Karp–Flatt, bounds and the Amdahl and Gustafson fits are {a.BaselineLabel}"
                + (a.IsAbsolute ? "; the relative column is T(1)/T(P) of the same mode (scalability), not speedup" : string.Empty),
        };
        if (a.Amdahl is { } amdahl)
        {
            lines.Add(
                $"Amdahl{(amdahl.Absolute ? " (absolute, T1 held at T_serial)" : string.Empty)}: serial fraction {Fraction("f", amdahl.SerialFraction)} " +
                $"(least squares over {amdahl.Observations} runs with P ≤ {sweep.Cores}); speedup limit 1/f = " +
                $"{(amdahl.SerialFraction.IsInconclusive(FractionResolution) ? "unknown" : F(amdahl.MaxSpeedup, "F2") + "×")}");
        }

        if (a.AmdahlRelative is { } rel)
        {
            lines.Add(
                $"Amdahl relative (T1 fitted: this mode against its own P = 1): {Fraction("f", rel.SerialFraction)}, " +
                $"T1 = {F(rel.T1Seconds.Value)} s against T_serial = {F(a.BaselineSeconds)} s");
        }

        if (a.AmdahlOnMeasuredCores is { } onCores)
        {
            var capacities = string.Join(
                ", ",
                (a.Capacity ?? []).Where(c => c.P > 1).Select(c => $"C({c.P}) = {F(c.Capacity, "F2")} ({F(c.MinCapacity, "F2")}–{F(c.MaxCapacity, "F2")})"));
            lines.Add(
                $"Amdahl on measured cores: {Fraction("f", onCores.SerialFraction)} — the same fit with P replaced " +
                $"by the capacity the busy cores delivered to an embarrassingly parallel control run beside each repeat ({capacities}); it reads a shortfall " +
                $"of the cores themselves as theirs, not the job's; where C(P) ≈ P the two fits agree");
        }
        if (a.AmdahlPaired is { } paired)
        {
            lines.Add(
                $"Amdahl on measured cores, round by round: {Fraction("f", paired.SerialFraction)} — each round's " +
                $"T(P)/{(a.IsAbsolute ? "T_serial (its own pinned run)" : "T(1)")} against the capacity the control measured in that same round " +
                $"({paired.Points} points from {paired.Rounds} rounds): a round where the machine was busier slows the job and the control together, so it " +
                $"cancels; the figure to read when C(P) moved between rounds");
        }

        if (a.AmdahlOnMeasuredCores is null && sweep.Control is not null)
        {
            lines.Add("Amdahl on measured cores: not fitted (the control measured no capacity above 1 at a swept P within the cores)");
        }

        if (a.Gustafson is { } gustafson)
        {
            lines.Add(gustafson.IsNegative
                ? $"Gustafson: α = {F(gustafson.SerialFraction.Value)} ± {F(gustafson.SerialFraction.StandardError)} is below 0: the runs beat linear " +
                    $"speedup, which no serial share explains (a slowed baseline or scatter); flagged, not a finding"
                : $"Gustafson: serial share of the parallel run {Fraction("α", gustafson.SerialFraction)}; a job scaled to keep that share would gain " +
                    $"{F(gustafson.ScaledSpeedup(sweep.Cores), "F2")}× on {sweep.Cores} cores");
        }

        if (a.Usl is { } usl)
        {
            lines.Add(usl.KappaFitted
                ? $"USL (relative: the mode's own scaling, C(1) = 1): σ = {F(usl.Sigma.Value)} ± {F(usl.Sigma.StandardError)}, κ = " +
                    $"{F(usl.Kappa.Value, "F5")} ± {F(usl.Kappa.StandardError, "F5")}, peak at N* = √((1−σ)/κ) = {F(usl.PeakN, "F1")}"
                : $"USL (relative: the mode's own scaling, C(1) = 1): σ = {F(usl.Sigma.Value)} ± {F(usl.Sigma.StandardError)}; κ needs three or more " +
                    $"distinct P and is held at 0");
        }

        if (a.WorkSpan is { } ws)
        {
            lines.Add(
                $"work–span (the P = 1 job, {sweep.Baseline.JobId}): T1 = {F(ws.WorkSeconds)} s of task compute, T∞ = {F(ws.SpanSeconds)} s on the critical " +
                $"path, parallelism T1/T∞ = {F(ws.Parallelism, "F2")}; {ws.Tasks} tasks in {ws.Stages} stages, dispatch {F(ws.DispatchSeconds * 1e3, "F3")} " +
                $"ms per task");
        }

        var capacityNote = a.Capacity is { Count: > 1 }
            ? ", delivering the measured capacity C(P): one at full speed, the rest sharing C(P) − 1"
            : string.Empty;
        lines.Add(
            $"whatif check (schedule simulated from the P = 1 job on min(P, {sweep.Cores}) cores{capacityNote}): " + string.Join("; ", sweep.Checks.Select(c =>
            $"P={c.P}: predicted {F(c.PredictedSeconds)} s vs measured {F(c.MeasuredSeconds)} s ({WhatIfOutput.Signed(c.RelativeError)}, tolerance " +
            $"±{c.Tolerance:0%}{(c.Within ? string.Empty : ", OUTSIDE")})")));
        if (sweep.SaturationNote is { } note)
        {
            lines.Add(note);
        }

        foreach (var point in a.Points.Where(p => !p.Saturated && ImpossibleEfficiency.Is(p.Speedup, p.P)))
        {
            lines.Add($"P={point.P}: " + ImpossibleEfficiency.Describe(point.Speedup, point.P));
        }

        if (sweep.Load is { } load)
        {
            lines.Add($"machine load around the runs: {load.Describe()}{(load.IsBusy ? " — busy: the verdict is inconclusive" : string.Empty)}");
        }

        return lines;
    }

    /// <summary>"f = 0.120 ± 0.010", or with "inconclusive" when the standard error exceeds the value.</summary>
    private static string Fraction(string name, FittedParameter fit) =>
        $"{name} = {F(fit.Value)} ± {F(fit.StandardError)}" +
        (fit.IsInconclusive(FractionResolution) ? " (inconclusive: its standard error exceeds it, so the runs do not fix it)" : string.Empty);
}
