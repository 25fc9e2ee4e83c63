using System.Globalization;
using System.Text.Json.Nodes;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Workloads.Plans;
using Spectre.Console;

namespace SerialCluster.Cli.Output;

/// <summary>The human view of a finished job: its result fields and its measured profile.</summary>
public static class ProfileView
{
    private const int MaxShownLength = 96;

    public static void Write(IAnsiConsole console, JobStatus status, WorkloadPlan plan)
    {
        var spec = status.Spec!;
        var profile = status.Profile!;
        var chosen = profile.ChosenMode is { } ran && spec.Mode == JobMode.Auto ? $" → {ran}" : string.Empty;
        console.MarkupLineInterpolated(
            $"[bold]{spec.Workload}[/] · {spec.Mode.ToString().ToLowerInvariant()}{chosen} · P={profile.ParallelismCap} · job {status.JobId}");

        var result = new TerminalTable().AddColumn("result").AddColumn("value", prose: true);
        foreach (var (name, value) in JsonNode.Parse(status.ResultJson!)!.AsObject())
        {
            result.AddRow(Markup.Escape(name), Markup.Escape(Shorten(value?.ToJsonString() ?? "null")));
        }

        result.Write(console);

        var table = new TerminalTable().AddColumn("profile").AddColumn("value", rightAligned: true).AddColumn("meaning", prose: true);
        table.AddRow("wall", Seconds(profile.WallSeconds), "submit to result, as the coordinator measured it");
        if (profile.PredictedSeconds is { } predicted)
        {
            var error = profile.WallSeconds > 0 ? Number(100 * (predicted - profile.WallSeconds) / profile.WallSeconds, "+0;-0") + "%" : "-";
            table.AddRow(
                "predicted",
                Seconds(predicted),
                Markup.Escape($"the cost model's raw time for {profile.ChosenMode ?? "this mode"} ({error} against wall)"));
        }

        if (profile.CorrectedPredictedSeconds is { } corrected && profile.PredictedSeconds is { } raw && Math.Abs(corrected - raw) > 1e-12)
        {
            var error = profile.WallSeconds > 0 ? Number(100 * (corrected - profile.WallSeconds) / profile.WallSeconds, "+0;-0") + "%" : "-";
            table.AddRow(
                "corrected",
                Seconds(corrected),
                Markup.Escape($"the raw time × measured ÷ predicted of this plan's recent runs ({error} against wall)"));
        }

        if (profile.ChoiceReason is { Length: > 0 } reason)
        {
            table.AddRow("choice", string.Empty, Markup.Escape(reason));
        }

        table.AddRow(
            "build",
            Seconds(profile.BuildSeconds),
            "building the job's plan during the job (e.g. a cvp circuit, its tables), Σ over silos; in neither work nor span");
        table.AddRow("work", Seconds(profile.WorkSeconds), "sum of every task's compute time (T1 as run)");
        table.AddRow("span", Seconds(profile.SpanSeconds), "sum over stages of the slowest task (critical path)");
        table.AddRow("parallelism", Number(profile.Parallelism, "F2"), "work / span: the most speedup these tasks allow");
        table.AddRow("overhead", Seconds(profile.OverheadSeconds), "wall − span: dispatch, barriers, waiting");
        table.AddRow("tasks · stages", $"{profile.Tasks:N0} · {profile.Stages:N0}", string.Empty);
        table.AddRow(
            "silos",
            Markup.Escape(string.Join(", ", profile.Silos.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}: {s.Value:N0}"))),
            "tasks run per silo");
        table.AddRow("serial silo", Markup.Escape(profile.SerialSilo ?? "-"), "where chains ran");
        table.AddRow("plan work", Markup.Escape($"{profile.Work:N0} {profile.Unit}"), "theoretical T1 in the workload's unit, over the stages run");
        table.AddRow("plan span", Markup.Escape($"{profile.Span:N0} {profile.Unit}"), "theoretical T∞, over the stages run");
        table.AddRow(
            "bound at P",
            Number(plan.SpeedupBound(Math.Max(1, profile.ParallelismCap)), "F2") + "×",
            "most speedup the plan's units allow on P cores (barriers and dispatch cost nothing here)");
        if (SerialReference.From(profile) is { } serial)
        {
            var speedup = serial.SpeedupOf(profile.WallSeconds);
            table.AddRow(
                "vs serial",
                Number(speedup, "F2") + "×",
                Markup.Escape(
                    $"T_serial / wall, T_serial = {Seconds(serial.Seconds)}: {serial.Source}{(speedup < 0.95 ? " — slower than one core" : string.Empty)}"));
        }
        table.Write(console);
        WritePredictions(console, profile);
    }

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

        var table = new TerminalTable().AddColumn("mode").AddColumn("predicted", rightAligned: true).AddColumn("corrected", rightAligned: true)
            .AddColumn("runs", rightAligned: true).AddColumn("measured", rightAligned: true).AddColumn("changes", prose: true);
        // Profiles before the Ran flag: only auto runs a batched variant, and then the fastest one.
        var ran = predictions.FirstOrDefault(p => p.Ran) ?? predictions.Where(p => p.Mode == profile.ChosenMode).MinBy(p => p.PredictedSeconds);
        foreach (var prediction in predictions.OrderBy(p => p.CorrectedSeconds ?? p.PredictedSeconds))
        {
            var changes = string.Join(", ", prediction.Parameters.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}"));
            var mark = ReferenceEquals(prediction, ran) ? " ◀ ran" : string.Empty;
            table.AddRow(
                Markup.Escape(prediction.Mode + mark),
                Seconds(prediction.PredictedSeconds),
                prediction.CorrectedSeconds is { } corrected ? Seconds(corrected) : "-",
                prediction.MeasuredRuns.ToString(CultureInfo.InvariantCulture),
                prediction.MeasuredSeconds is { } measured ? Seconds(measured) : "-",
                Markup.Escape(changes));
        }

        table.Write(console);
    }

    public static string Seconds(double seconds) => seconds.ToString(seconds < 10 ? "F3" : "F1", CultureInfo.InvariantCulture) + " s";

    public static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Shorten(string text) => text.Length <= MaxShownLength ? text : text[..MaxShownLength] + $"… ({text.Length:N0} chars; --json shows " +
        $"all)";
}
