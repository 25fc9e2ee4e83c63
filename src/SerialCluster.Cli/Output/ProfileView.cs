using System.Globalization;
using System.Text.Json.Nodes;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Analysis.Caveats;
using SerialCluster.CostModel.Prediction;
using SerialCluster.Grains.Diagnostics;
using SerialCluster.Workloads.Plans;
using Spectre.Console;

namespace SerialCluster.Cli.Output;

/// <summary>The human view of a finished job: its result fields and its measured profile.</summary>
public static class ProfileView
{
    private const int MaxShownLength = 96;

    /// <param name="cores">The cores the cluster has: no bound exceeds them, whatever P the job asked for.</param>
    /// <param name="load">Other programs' load before and after the job, when this command measured it.</param>
    public static void Write(IAnsiConsole console, JobStatus status, WorkloadPlan plan, int cores, LoadDuringRun? load = null)
    {
        var spec = status.Spec!;
        var profile = status.Profile!;
        var pinned = string.Equals(profile.ChosenMode, ModePrediction.Pinned, StringComparison.Ordinal);
        var used = LastJobFigures.ProcessorsUsed(profile);
        var chosen = profile.ChosenMode is { } ran && spec.Mode == JobMode.Auto ? $" → {ran}" : string.Empty;
        var ranOn = pinned
            ? $"P=1 (pinned: one core{(profile.ParallelismCap > 1 ? $"; P={profile.ParallelismCap} was allowed" : string.Empty)})"
            : used > cores ? $"P={used} on {cores} cores" : $"P={used}";
        console.MarkupLineInterpolated(
            $"[bold]{spec.Workload}[/] · {spec.Mode.ToString().ToLowerInvariant()}{chosen} · {ranOn} · job {status.JobId}");

        var result = new TerminalTable().AddColumn("result").AddColumn("value", prose: true);
        foreach (var (name, value) in JsonNode.Parse(status.ResultJson!)!.AsObject())
        {
            result.AddRow(Markup.Escape(name), Markup.Escape(Shorten(value?.ToJsonString() ?? "null")));
        }

        result.Write(console);

        var table = new TerminalTable().AddColumn("profile").AddColumn("value", rightAligned: true).AddColumn("meaning", prose: true);
        table.AddRow("wall", Durations.Precise(profile.WallSeconds), "submit to result, as the coordinator measured it");
        AddPrediction(table, profile);
        if (profile.ChoiceReason is { Length: > 0 } reason)
        {
            table.AddRow("choice", string.Empty, Markup.Escape(reason));
        }

        table.AddRow(
            "build",
            Durations.Precise(profile.BuildSeconds),
            "building the job's plan during the job (e.g. a cvp circuit, its tables), Σ over silos; in neither work nor span");
        table.AddRow("work", Durations.Precise(profile.WorkSeconds), "sum of every task's compute time (T1 as run)");
        table.AddRow("span", Durations.Precise(profile.SpanSeconds), "sum over stages of the slowest task (critical path)");
        table.AddRow(
            "cores used",
            used.ToString(CultureInfo.InvariantCulture),
            Markup.Escape(pinned ? "ran pinned: the whole job as one chain on one core" : $"P: tasks in flight at once, of the {cores} cores here"));
        var utilisation = used * profile.WallSeconds > 0 ? profile.WorkSeconds / (used * profile.WallSeconds) : double.NaN;
        table.AddRow(
            "utilisation",
            double.IsFinite(utilisation) ? Number(100 * utilisation, "F0") + "%" : "-",
            Markup.Escape($"work ÷ (P · wall) with P = {used}: the share of the cores' time spent computing tasks"));
        table.AddRow(
            "idle core time",
            Durations.Precise(Math.Max(0, (used * profile.WallSeconds) - profile.WorkSeconds)),
            "P · wall − work: core time in which no task computed (planning, dispatch, barriers, waiting)");
        var outside = profile.WallSeconds - profile.StageProfiles.Sum(s => s.WallSeconds);
        if (outside > 0)
        {
            table.AddRow("outside stages", Durations.Precise(outside), "wall − Σ stage wall: no stage ran, so no core computed (planning, cost probe, result)");
        }

        table.AddRow(
            "parallelism",
            Number(pinned ? 1 : profile.Parallelism, "F2"),
            Markup.Escape(pinned
                ? $"one chain as run; its tasks' work / span is {Number(profile.Parallelism, "F2")} if scattered"
                : "work / span: the most speedup these tasks allow"));
        table.AddRow("overhead", Durations.Precise(profile.OverheadSeconds), "wall − span: all time off the critical path (not lost time: see utilisation)");
        table.AddRow("tasks · stages", $"{profile.Tasks:N0} · {profile.Stages:N0}", string.Empty);
        table.AddRow(
            "silos",
            Markup.Escape(string.Join(", ", profile.Silos.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}: {s.Value:N0}"))),
            "tasks run per silo");
        table.AddRow("serial silo", Markup.Escape(profile.SerialSilo ?? "-"), "where chains ran");
        table.AddRow("plan work", Markup.Escape($"{profile.Work:N0} {profile.Unit}"), "theoretical T1 in the workload's unit, over the stages run");
        table.AddRow("plan span", Markup.Escape($"{profile.Span:N0} {profile.Unit}"), "theoretical T∞, over the stages run");
        var boundCores = Math.Max(1, Math.Min(used, cores));
        table.AddRow(
            $"bound at {boundCores}",
            Number(plan.SpeedupBound(boundCores), "F2") + "×",
            Markup.Escape($"most speedup the plan's units allow on {boundCores} core(s) (barriers and dispatch cost nothing here)"));
        if (SerialReference.From(profile) is { } serial)
        {
            var speedup = serial.SpeedupOf(profile.WallSeconds);
            table.AddRow(
                "vs serial",
                Number(speedup, "F2") + "×",
                Markup.Escape(
                    $"T_serial / wall, T_serial = {Durations.Precise(serial.Seconds)}: {serial.Source}" +
                    (speedup < 0.95 ? " — slower than one core" : string.Empty)));
        }

        if (load is not null)
        {
            table.AddRow(
                "machine load",
                load.IsBusy ? "[yellow]busy[/]" : "idle",
                Markup.Escape(load.Describe() + (load.IsBusy ? ": these times say more about the machine than about the program" : string.Empty)));
        }

        table.Write(console);
        if (used > cores)
        {
            console.MarkupLine(Markup.Escape(
                $"note: P={used} exceeds the {cores} cores here, so the bound is taken at {cores}: tasks beyond {cores} share cores, they add no speedup"));
        }

        WritePredictions(console, profile);
    }

    /// <summary>
    /// One "predicted": the time auto compared for the variant that ran (the mode table's row marked ◀ ran: corrected by
    /// this plan's measured runs where there are some, else the model's), so the two tables never show two figures under one name.
    /// </summary>
    private static void AddPrediction(TerminalTable table, JobProfile profile)
    {
        var ran = RanPrediction(profile);
        var predicted = ran is not null ? ran.CorrectedSeconds ?? ran.PredictedSeconds : profile.CorrectedPredictedSeconds ?? profile.PredictedSeconds;
        if (predicted is not { } seconds)
        {
            return;
        }

        var error = profile.WallSeconds > 0 ? Number(100 * (seconds - profile.WallSeconds) / profile.WallSeconds, "+0;-0") + "%" : "-";
        var corrected = ran is not null ? ran.CorrectedSeconds is not null : profile.CorrectedPredictedSeconds is not null;
        table.AddRow(
            "predicted",
            Durations.Precise(seconds),
            Markup.Escape(
                $"the cost model's time for {profile.ChosenMode ?? "this mode"}{(corrected ? ", corrected by this plan's recent runs" : string.Empty)} " +
                $"({error} against wall); the ◀ ran row below"));
    }

    /// <summary>Profiles before the Ran flag: only auto runs a batched variant, and then the fastest one.</summary>
    private static JobPrediction? RanPrediction(JobProfile profile) =>
        profile.Predictions is not { Count: > 0 } predictions
            ? null
            : predictions.FirstOrDefault(p => p.Ran) ?? predictions.Where(p => p.Mode == profile.ChosenMode).MinBy(p => p.PredictedSeconds);

    /// <summary>
    /// Every mode the cost model predicted, fastest first by the corrected time where this run plan was measured under
    /// the job's signature (else the raw one), with the median of those runs (what auto compares measured plans by),
    /// the one that ran marked.
    /// </summary>
    private static void WritePredictions(IAnsiConsole console, JobProfile profile)
    {
        if (profile.Predictions is not { Count: > 0 } predictions)
        {
            return;
        }

        var table = new TerminalTable().AddColumn("mode").AddColumn("model", rightAligned: true).AddColumn("corrected", rightAligned: true)
            .AddColumn("runs", rightAligned: true).AddColumn("measured", rightAligned: true).AddColumn("changes", prose: true);
        var ran = RanPrediction(profile);
        foreach (var prediction in predictions.OrderBy(p => p.CorrectedSeconds ?? p.PredictedSeconds))
        {
            var changes = string.Join(", ", prediction.Parameters.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}"));
            var mark = ReferenceEquals(prediction, ran) ? " ◀ ran" : string.Empty;
            table.AddRow(
                Markup.Escape(prediction.Mode + mark),
                Durations.Precise(prediction.PredictedSeconds),
                prediction.CorrectedSeconds is { } corrected ? Durations.Precise(corrected) : "-",
                prediction.MeasuredRuns.ToString(CultureInfo.InvariantCulture),
                prediction.MeasuredSeconds is { } measured ? Durations.Precise(measured) : "-",
                Markup.Escape(changes));
        }

        table.Write(console);
    }

    public static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Shorten(string text) => text.Length <= MaxShownLength ? text : text[..MaxShownLength] + $"… ({text.Length:N0} chars; --json shows " +
        $"all)";
}
