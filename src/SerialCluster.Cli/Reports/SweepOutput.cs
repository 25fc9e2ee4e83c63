using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using SerialCluster.Analysis.Scaling;
using SerialCluster.Cli.Output;
using Spectre.Console;
using static SerialCluster.Cli.Reports.Numbers;

namespace SerialCluster.Cli.Reports;

/// <summary>A sweep's outputs: the JSON document, the CSV table, the terminal table and chart, and the HTML report.</summary>
public static class SweepOutput
{
    public const string CsvHeader =
        "p,seconds,speedup,efficiency,karpFlatt,runs,minSeconds,maxSeconds,spread,saturated,lowerBoundSeconds,brentSeconds,burdenedSeconds," +
        "amdahlSpeedup,uslSpeedup,predictedSeconds,capacity,amdahlOnMeasuredCoresSpeedup,amdahlPairedSpeedup,relativeSpeedup";

    public static JsonObject Json(SweepResult sweep)
    {
        var a = sweep.Analysis;
        return new JsonObject
        {
            ["workload"] = sweep.Workload,
            ["parameters"] = new JsonObject(
                [.. sweep.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))]),
            ["mode"] = sweep.Mode,
            ["cluster"] = sweep.Cluster,
            ["cores"] = sweep.Cores,
            ["repeat"] = sweep.Repeat,
            ["saturation"] = sweep.SaturationNote,
            ["speedupBaseline"] = a.IsAbsolute ? "absolute" : "relative",
            ["baselineSeconds"] = JsonNumber(a.BaselineSeconds),
            ["verdict"] = sweep.Verdict,
            ["serialBaseline"] = a.Serial is not { } serial ? null : new JsonObject
            {
                ["mode"] = "pinned",
                ["medianSeconds"] = serial.MedianSeconds,
                ["minSeconds"] = serial.MinSeconds,
                ["maxSeconds"] = serial.MaxSeconds,
                ["runs"] = new JsonArray([.. (sweep.SerialRuns ?? []).Select(r => (JsonNode)new JsonObject
                {
                    ["repeat"] = r.Repeat, ["seconds"] = r.Seconds, ["jobId"] = r.Status.JobId,
                })]),
            },
            ["runs"] = new JsonArray([.. sweep.Runs.Select(r => (JsonNode)new JsonObject
            {
                ["p"] = r.P, ["repeat"] = r.Repeat, ["seconds"] = r.Seconds, ["jobId"] = r.Status.JobId,
            })]),
            ["points"] = new JsonArray([.. a.Points.Select(p =>
            {
                var bound = a.Bounds.FirstOrDefault(b => b.P == p.P);
                var check = sweep.Checks.First(c => c.P == p.P);
                return (JsonNode)new JsonObject
                {
                    ["p"] = p.P,
                    ["runs"] = p.Runs,
                    ["seconds"] = p.MedianSeconds,
                    ["minSeconds"] = p.MinSeconds,
                    ["maxSeconds"] = p.MaxSeconds,
                    ["spread"] = p.Spread,
                    ["speedup"] = p.Speedup,
                    ["relativeSpeedup"] = p.RelativeSpeedup,
                    ["efficiency"] = p.Efficiency,
                    ["karpFlatt"] = JsonNumber(p.KarpFlatt),
                    ["saturated"] = p.Saturated,
                    ["lowerBoundSeconds"] = bound is null ? null : bound.LowerBoundSeconds,
                    ["brentSeconds"] = bound is null ? null : bound.BrentSeconds,
                    ["burdenedSeconds"] = bound is null ? null : bound.BurdenedSeconds,
                    ["amdahlSpeedup"] = a.Amdahl is null ? null : a.Amdahl.Speedup(p.P),
                    ["uslSpeedup"] = a.Usl is null ? null : a.Usl.Speedup(p.P),
                    ["predictedSeconds"] = check.PredictedSeconds,
                    ["capacity"] = a.CapacityAt(p.P) is { } c ? c.Capacity : null,
                    ["capacityMin"] = a.CapacityAt(p.P) is { } low ? low.MinCapacity : null,
                    ["capacityMax"] = a.CapacityAt(p.P) is { } high ? high.MaxCapacity : null,
                    ["amdahlOnMeasuredCoresSpeedup"] = a.AmdahlOnMeasuredCores is { } adjusted ? JsonNumber(adjusted.Speedup(p.P)) : null,
                    ["amdahlPairedSpeedup"] = a.AmdahlPaired is { } paired ? JsonNumber(paired.Speedup(p.P)) : null,
                };
            })]),
            ["fits"] = new JsonObject
            {
                ["amdahl"] = a.Amdahl is null ? null : new JsonObject
                {
                    ["baseline"] = a.Amdahl.Absolute ? "absolute" : "relative",
                    ["serialFraction"] = a.Amdahl.SerialFraction.Value,
                    ["serialFractionStdErr"] = JsonNumber(a.Amdahl.SerialFraction.StandardError),
                    ["t1Seconds"] = a.Amdahl.T1Seconds.Value,
                    ["maxSpeedup"] = JsonNumber(a.Amdahl.MaxSpeedup),
                    ["rmseSeconds"] = a.Amdahl.RmseSeconds,
                    ["observations"] = a.Amdahl.Observations,
                },
                ["amdahlRelative"] = a.AmdahlRelative is not { } rel ? null : new JsonObject
                {
                    ["baseline"] = "relative",
                    ["serialFraction"] = rel.SerialFraction.Value,
                    ["serialFractionStdErr"] = JsonNumber(rel.SerialFraction.StandardError),
                    ["t1Seconds"] = rel.T1Seconds.Value,
                    ["maxSpeedup"] = JsonNumber(rel.MaxSpeedup),
                    ["rmseSeconds"] = rel.RmseSeconds,
                    ["observations"] = rel.Observations,
                },
                ["amdahlOnMeasuredCores"] = a.AmdahlOnMeasuredCores is not { } onCores ? null : new JsonObject
                {
                    ["baseline"] = a.IsAbsolute ? "absolute" : "relative",
                    ["serialFraction"] = onCores.SerialFraction.Value,
                    ["serialFractionStdErr"] = JsonNumber(onCores.SerialFraction.StandardError),
                    ["t1Seconds"] = onCores.T1Seconds.Value,
                    ["rmseSeconds"] = onCores.RmseSeconds,
                    ["observations"] = onCores.Observations,
                    ["model"] = a.IsAbsolute
                        ? "T(P) = T_serial · (f + (1 − f)/C(P)), C(P) = the capacity measured by the control"
                        : "T(P) = T1 · (f + (1 − f)/C(P)), C(P) = the capacity measured by the control",
                },
                ["amdahlPaired"] = a.AmdahlPaired is not { } paired ? null : new JsonObject
                {
                    ["baseline"] = a.IsAbsolute ? "absolute" : "relative",
                    ["serialFraction"] = paired.SerialFraction.Value,
                    ["serialFractionStdErr"] = JsonNumber(paired.SerialFraction.StandardError),
                    ["rmseRatio"] = paired.RmseRatio,
                    ["points"] = paired.Points,
                    ["rounds"] = paired.Rounds,
                    ["model"] = a.IsAbsolute
                        ? "T_r(P)/T_serial,r = f + (1 − f)/C_r(P), each repeat round r against its own pinned run and control"
                        : "T_r(P)/T_r(1) = f + (1 − f)/C_r(P), each repeat round r against its own control",
                },
                ["gustafson"] = a.Gustafson is null ? null : new JsonObject
                {
                    ["baseline"] = a.IsAbsolute ? "absolute" : "relative",
                    ["serialFraction"] = a.Gustafson.SerialFraction.Value,
                    ["serialFractionStdErr"] = JsonNumber(a.Gustafson.SerialFraction.StandardError),
                    ["scaledSpeedupAtCores"] = a.Gustafson.ScaledSpeedup(sweep.Cores),
                },
                ["usl"] = a.Usl is null ? null : new JsonObject
                {
                    ["baseline"] = "relative",
                    ["sigma"] = a.Usl.Sigma.Value,
                    ["sigmaStdErr"] = JsonNumber(a.Usl.Sigma.StandardError),
                    ["kappa"] = a.Usl.Kappa.Value,
                    ["kappaStdErr"] = JsonNumber(a.Usl.Kappa.StandardError),
                    ["kappaFitted"] = a.Usl.KappaFitted,
                    ["peakN"] = JsonNumber(a.Usl.PeakN),
                    ["rmseSeconds"] = a.Usl.RmseSeconds,
                },
            },
            ["capacityControl"] = sweep.Control is not { } control ? null : new JsonObject
            {
                ["kernel"] = SweepControl.Kernel,
                ["chunkSteps"] = control.ChunkSteps,
                ["taskSeconds"] = control.TaskSeconds,
                ["runs"] = new JsonArray([.. control.Runs.Select(r => (JsonNode)new JsonObject
                {
                    ["p"] = r.Run.P, ["repeat"] = r.Run.Repeat, ["seconds"] = r.Run.Seconds, ["jobId"] = r.JobId,
                })]),
            },
            ["workSpan"] = a.WorkSpan is not { } ws ? null : new JsonObject
            {
                ["workSeconds"] = ws.WorkSeconds,
                ["spanSeconds"] = ws.SpanSeconds,
                ["parallelism"] = ws.Parallelism,
                ["tasks"] = ws.Tasks,
                ["stages"] = ws.Stages,
                ["dispatchSeconds"] = ws.DispatchSeconds,
            },
            ["whatIf"] = new JsonObject
            {
                ["dispatchSeconds"] = sweep.Model.DispatchSeconds,
                ["checks"] = new JsonArray([.. sweep.Checks.Select(c => (JsonNode)new JsonObject
                {
                    ["p"] = c.P, ["cores"] = c.Cores, ["predictedSeconds"] = c.PredictedSeconds, ["measuredSeconds"] = c.MeasuredSeconds,
                    ["relativeError"] = c.RelativeError, ["tolerance"] = c.Tolerance, ["within"] = c.Within,
                })]),
            },
            ["baseline"] = JobDocument.Build(sweep.Baseline),
        };
    }

    public static string Csv(SweepResult sweep)
    {
        var a = sweep.Analysis;
        var text = new StringBuilder().AppendLine(CsvHeader);
        foreach (var p in a.Points)
        {
            var bound = a.Bounds.FirstOrDefault(b => b.P == p.P);
            var check = sweep.Checks.First(c => c.P == p.P);
            text.AppendLine(string.Join(',',
                p.P.ToString(CultureInfo.InvariantCulture),
                Numbers.Csv(p.MedianSeconds),
                Numbers.Csv(p.Speedup),
                Numbers.Csv(p.Efficiency),
                Numbers.Csv(p.KarpFlatt),
                p.Runs.ToString(CultureInfo.InvariantCulture),
                Numbers.Csv(p.MinSeconds),
                Numbers.Csv(p.MaxSeconds),
                Numbers.Csv(p.Spread),
                p.Saturated ? "true" : "false",
                Numbers.Csv(bound?.LowerBoundSeconds ?? double.NaN),
                Numbers.Csv(bound?.BrentSeconds ?? double.NaN),
                Numbers.Csv(bound?.BurdenedSeconds ?? double.NaN),
                Numbers.Csv(a.Amdahl?.Speedup(p.P) ?? double.NaN),
                Numbers.Csv(a.Usl?.Speedup(p.P) ?? double.NaN),
                Numbers.Csv(check.PredictedSeconds),
                Numbers.Csv(a.CapacityAt(p.P)?.Capacity ?? double.NaN),
                Numbers.Csv(a.AmdahlOnMeasuredCores?.Speedup(p.P) ?? double.NaN),
                Numbers.Csv(a.AmdahlPaired?.Speedup(p.P) ?? double.NaN),
                Numbers.Csv(p.RelativeSpeedup)));
        }

        return text.ToString();
    }

    /// <summary>Lines of the fits and bounds, the same in the terminal and the HTML report.</summary>
    public static List<string> Findings(SweepResult sweep)
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
                $"Amdahl{(amdahl.Absolute ? " (absolute, T1 held at T_serial)" : string.Empty)}: serial fraction f = {F(amdahl.SerialFraction.Value)} ± " +
                $"{F(amdahl.SerialFraction.StandardError)} (least squares over {amdahl.Observations} runs with P ≤ {sweep.Cores}); speedup limit 1/f = " +
                $"{F(amdahl.MaxSpeedup, "F2")}×");
        }

        if (a.AmdahlRelative is { } rel)
        {
            lines.Add(
                $"Amdahl relative (T1 fitted: this mode against its own P = 1): f = {F(rel.SerialFraction.Value)} ± {F(rel.SerialFraction.StandardError)}, " +
                $"T1 = {F(rel.T1Seconds.Value)} s against T_serial = {F(a.BaselineSeconds)} s");
        }

        if (a.AmdahlOnMeasuredCores is { } onCores)
        {
            var capacities = string.Join(
                ", ",
                (a.Capacity ?? []).Where(c => c.P > 1).Select(c => $"C({c.P}) = {F(c.Capacity, "F2")} ({F(c.MinCapacity, "F2")}–{F(c.MaxCapacity, "F2")})"));
            lines.Add(
                $"Amdahl on measured cores: f = {F(onCores.SerialFraction.Value)} ± {F(onCores.SerialFraction.StandardError)} — the same fit with P replaced " +
                $"by the capacity the busy cores delivered to an embarrassingly parallel control run beside each repeat ({capacities}); it reads a shortfall " +
                $"of the cores themselves as theirs, not the job's; where C(P) ≈ P the two fits agree");
        }
        if (a.AmdahlPaired is { } paired)
        {
            lines.Add(
                $"Amdahl on measured cores, round by round: f = {F(paired.SerialFraction.Value)} ± {F(paired.SerialFraction.StandardError)} — each round's " +
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
            lines.Add(
                $"Gustafson: serial share of the parallel run α = {F(gustafson.SerialFraction.Value)} ± {F(gustafson.SerialFraction.StandardError)}; a job " +
                $"scaled to keep that share would gain {F(gustafson.ScaledSpeedup(sweep.Cores), "F2")}× on {sweep.Cores} cores");
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

        return lines;
    }

    public static void Terminal(IAnsiConsole console, SweepResult sweep)
    {
        var a = sweep.Analysis;
        var table = new Table().Border(TableBorder.Rounded).Title(
            Markup.Escape($"{sweep.Workload} sweep, {sweep.Repeat} run(s) per P, {sweep.Mode} on the {sweep.Cluster} ({sweep.Cores} cores)"));
        var speedupColumn = a.IsAbsolute ? "speedup T_serial/T(P)" : "speedup T(1)/T(P)";
        foreach (var column in new[]
        {
            "P", "median", "min–max", speedupColumn, "relative T(1)/T(P)", "efficiency", "Karp–Flatt", "bound max(T1/P,T∞)", "Brent", "burdened",
            "Amdahl fit", "USL fit", "capacity C(P)", "Amdahl on C(P)", "paired on C_r(P)", "",
        })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        if (a.Serial is { } serial)
        {
            table.AddRow(
                "serial", F(serial.MedianSeconds) + " s", Markup.Escape($"{F(serial.MinSeconds)}–{F(serial.MaxSeconds)}"), "1.00×", "—", "—", "—", "—", "—",
                "—", "—", "—", "—", "—", "—",
                "[grey]pinned baseline[/]");
        }

        foreach (var p in a.Points)
        {
            var bound = a.Bounds.FirstOrDefault(b => b.P == p.P);
            table.AddRow(
                p.P.ToString(CultureInfo.InvariantCulture),
                F(p.MedianSeconds) + " s",
                Markup.Escape($"{F(p.MinSeconds)}–{F(p.MaxSeconds)}"),
                F(p.Speedup, "F2") + "×",
                F(p.RelativeSpeedup, "F2") + "×",
                F(p.Efficiency, "P0"),
                F(p.KarpFlatt),
                bound is null ? "—" : F(bound.LowerBoundSeconds) + " s",
                bound is null ? "—" : F(bound.BrentSeconds) + " s",
                bound is null ? "—" : F(bound.BurdenedSeconds) + " s",
                a.Amdahl is null ? "—" : F(a.Amdahl.Speedup(p.P), "F2") + "×",
                a.Usl is null ? "—" : F(a.Usl.Speedup(p.P), "F2") + "×",
                a.CapacityAt(p.P) is { } capacity ? F(capacity.Capacity, "F2") : "—",
                a.AmdahlOnMeasuredCores is { } onCores && double.IsFinite(onCores.Speedup(p.P)) ? F(onCores.Speedup(p.P), "F2") + "×" : "—",
                a.AmdahlPaired is { } paired && double.IsFinite(paired.Speedup(p.P)) ? F(paired.Speedup(p.P), "F2") + "×" : "—",
                p.Saturated ? "[yellow]saturated[/]" : string.Empty);
        }

        console.Write(table);
        var chart = new BarChart().Width(70).Label($"[bold]{speedupColumn}[/] (ideal = P up to the cores)").WithMaxValue(
            Math.Max(a.Points.Max(p => p.P), a.Points.Max(p => p.Speedup)));
        foreach (var p in a.Points)
        {
            chart.AddItem($"P={p.P} measured", Math.Round(p.Speedup, 2), p.Saturated ? Color.Yellow : Color.Green);
            chart.AddItem($"P={p.P} ideal", Math.Min(p.P, sweep.Cores), Color.Grey);
        }

        console.Write(chart);
        foreach (var line in Findings(sweep))
        {
            console.MarkupLine(Markup.Escape(line));
        }
    }

    public static HtmlPage Html(SweepResult sweep)
    {
        var a = sweep.Analysis;
        var parameters = string.Join(" ", sweep.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
        var page = new HtmlPage($"serialcluster sweep: {sweep.Workload}")
            .Paragraph($"{sweep.Workload} {parameters}; mode {sweep.Mode}; {sweep.Repeat} run(s) per P on the {sweep.Cluster} with {sweep.Cores} cores."
                + (sweep.Control is { } control
                    ? $" Capacity control: after each job at P ≤ {sweep.Cores}, {SweepControl.Kernel}, {control.ChunkSteps:N0} steps per task " +
                        $"(~{F(control.TaskSeconds)} s alone); C(P) = P · t(1 task) / t(P tasks)."
                    : " Capacity control off: the Amdahl fit assumes P ideal cores.")
                + $" Speedups are {a.BaselineLabel}.")
            .Paragraph($"Verdict: {sweep.Verdict}")
            .Image(Charts.Speedup(a, $"{sweep.Workload}: speedup against P"), "speedup chart")
            .Image(Charts.Times(a, $"{sweep.Workload}: wall time against P"), "wall time chart")
            .Heading("Points")
            .Table(
                [
                    "P", "runs", "median s", "min s", "max s", a.IsAbsolute ? "speedup T_serial/T(P)" : "speedup T(1)/T(P)", "relative T(1)/T(P)",
                    "efficiency", "Karp–Flatt", "max(T1/P,T∞) s", "Brent s", "burdened s", "predicted s", "capacity C(P)", "saturated",
                ],
                a.Points.Select(p =>
                {
                    var bound = a.Bounds.FirstOrDefault(b => b.P == p.P);
                    var check = sweep.Checks.First(c => c.P == p.P);
                    return (IReadOnlyList<string>)[
                        p.P.ToString(CultureInfo.InvariantCulture), p.Runs.ToString(CultureInfo.InvariantCulture), F(p.MedianSeconds), F(p.MinSeconds),
                        F(p.MaxSeconds), F(p.Speedup, "F2"), F(p.RelativeSpeedup, "F2"), F(p.Efficiency, "P0"), F(p.KarpFlatt),
                        F(bound?.LowerBoundSeconds ?? double.NaN), F(bound?.BrentSeconds ?? double.NaN), F(bound?.BurdenedSeconds ?? double.NaN),
                        F(check.PredictedSeconds), F(a.CapacityAt(p.P)?.Capacity ?? double.NaN, "F2"), p.Saturated ? "yes" : "no"];
                }))
            .Heading("Fits, bounds and checks")
            .List(Findings(sweep));
        return page;
    }
}
