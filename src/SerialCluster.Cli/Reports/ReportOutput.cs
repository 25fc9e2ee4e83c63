using System.Globalization;
using System.Text.Json.Nodes;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Analysis.Timeline;
using SerialCluster.Cli.Output;
using Spectre.Console;
using static SerialCluster.Cli.Reports.Numbers;

namespace SerialCluster.Cli.Reports;

/// <summary>One job's report: per-stage timeline, critical path, parallelism profile and verdict, as JSON, terminal text and HTML.</summary>
public static class ReportOutput
{
    public static JobTimeline Analyze(MeasuredJob job) =>
        JobTimeline.Analyze(ProfileMapping.Timeline(job.Profile), job.Profile.WallSeconds, Math.Max(1, job.Profile.ParallelismCap));

    public static JsonObject Json(MeasuredJob job, JobTimeline timeline) => new()
    {
        ["jobId"] = job.JobId,
        ["workload"] = job.Workload,
        ["mode"] = job.Mode,
        ["parallelism"] = job.Profile.ParallelismCap,
        ["wallSeconds"] = job.Profile.WallSeconds,
        ["workSeconds"] = job.Profile.WorkSeconds,
        ["spanSeconds"] = job.Profile.SpanSeconds,
        ["averageParallelism"] = timeline.AverageParallelism,
        ["serial"] = SerialReference.From(job.Profile) is not { } serial ? null : new JsonObject
        {
            ["seconds"] = serial.Seconds,
            ["source"] = serial.Source,
            ["speedup"] = JsonNumber(serial.SpeedupOf(job.Profile.WallSeconds)),
        },
        ["peakParallelism"] = timeline.PeakParallelism,
        ["reconstructed"] = timeline.Reconstructed,
        ["verdict"] = new JsonObject
        {
            ["kind"] = timeline.Verdict.Label,
            ["lowerBoundSeconds"] = timeline.Verdict.LowerBoundSeconds,
            ["overheadShare"] = timeline.Verdict.OverheadShare,
            ["parallelism"] = timeline.Verdict.Parallelism,
            ["explanation"] = job.Qualify(timeline.Verdict.Explanation),
        },
        ["stages"] = new JsonArray([.. timeline.Stages.Select(s => (JsonNode)new JsonObject
        {
            ["index"] = s.Index,
            ["name"] = s.Name,
            ["kind"] = s.Kind,
            ["startSeconds"] = s.Start,
            ["wallSeconds"] = s.WallSeconds,
            ["workSeconds"] = s.WorkSeconds,
            ["spanSeconds"] = s.SpanSeconds,
            ["tasks"] = s.Tasks,
            ["silos"] = new JsonObject([.. s.Spans.GroupBy(t => t.Silo, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => KeyValuePair.Create(g.Key, (JsonNode?)g.Sum(t => t.Tasks)))]),
            ["spans"] = new JsonArray([.. s.Spans.Select(t => (JsonNode)new JsonObject
            {
                ["silo"] = t.Silo, ["start"] = t.Start, ["end"] = t.End, ["kernelSeconds"] = t.KernelSeconds, ["tasks"] = t.Tasks,
            })]),
        })]),
        ["criticalPath"] = new JsonArray([.. timeline.CriticalPath.Select(c => (JsonNode)new JsonObject
        {
            ["stage"] = c.Stage, ["name"] = c.Name, ["silo"] = c.Silo, ["start"] = c.Start, ["end"] = c.End,
            ["kernelSeconds"] = c.KernelSeconds, ["waitSeconds"] = c.WaitSeconds,
        })]),
        ["profile"] = new JsonArray([.. timeline.Profile.Select(p => (JsonNode)new JsonObject
        {
            ["start"] = p.Start, ["end"] = p.End, ["running"] = p.Running,
        })]),
    };

    public static void Terminal(IAnsiConsole console, MeasuredJob job, JobTimeline timeline)
    {
        var table = new TerminalTable($"job {job.JobId}: {job.Workload}, {job.Mode}, P={job.Profile.ParallelismCap}, wall {F(job.Profile.WallSeconds)} s")
            .AddColumn("stage").AddColumn("kind").AddColumn("start s", rightAligned: true).AddColumn("wall s", rightAligned: true)
            .AddColumn("tasks", rightAligned: true).AddColumn("work s", rightAligned: true).AddColumn("span s", rightAligned: true)
            .AddColumn("silos (tasks)", prose: true).AddColumn("last task (sets the barrier)", prose: true);

        foreach (var (stage, critical) in timeline.Stages.Take(40).Zip(timeline.CriticalPath))
        {
            table.AddRow(
                Markup.Escape($"{stage.Index} {stage.Name}"),
                stage.Kind,
                F(stage.Start),
                F(stage.WallSeconds),
                stage.Tasks.ToString(CultureInfo.InvariantCulture),
                F(stage.WorkSeconds),
                F(stage.SpanSeconds),
                Markup.Escape(SiloCounts(stage)),
                Markup.Escape($"{critical.Silo ?? "?"} {F(critical.Start)}–{F(critical.End)} s, computed {F(critical.KernelSeconds)} s"));
        }

        table.Write(console);
        if (timeline.Stages.Count > 40)
        {
            console.MarkupLine(Markup.Escape($"… {timeline.Stages.Count - 40} more stages in --json and --html"));
        }

        if (timeline.Reconstructed)
        {
            console.MarkupLine("[grey]this job recorded no stage start times (pinned mode): stages are laid end to end[/]");
        }

        var chart = new BarChart().Width(70).Label($"[bold]tasks computing over time[/] (P = {job.Profile.ParallelismCap}; 10 slices of the wall time)");
        var slice = Math.Max(1, timeline.Profile.Count / 10);
        for (var i = 0; i < timeline.Profile.Count; i += slice)
        {
            var part = timeline.Profile.Skip(i).Take(slice).ToList();
            chart.AddItem($"{F(part[0].Start, "F2")}–{F(part[^1].End, "F2")} s", Math.Round(part.Average(p => p.Running), 2), Color.Blue);
        }

        console.Write(chart);
        console.MarkupLine(
            Markup.Escape(
                $"critical path: in each of the {timeline.CriticalPath.Count} stage(s) the last task to finish sets the barrier; those tasks computed " +
                $"{F(timeline.CriticalPath.Sum(c => c.KernelSeconds))} s, and {F(timeline.CriticalPath.Sum(c => c.WaitSeconds))} s of stage time went to the " +
                $"tasks queued before them (P slots), dispatch and barriers; average parallelism work/wall = {F(timeline.AverageParallelism, "F2")}, peak " +
                $"{F(timeline.PeakParallelism, "F2")}"));
        console.MarkupLine($"[bold]verdict:[/] {Markup.Escape(job.Qualify(timeline.Verdict.Explanation))}");
        if (AgainstSerial(job) is { } line)
        {
            console.MarkupLine($"[bold]against one core:[/] {Markup.Escape(line)}");
        }
    }

    /// <summary>
    /// The job's absolute speedup, T_serial / wall, against the best single-core time of its parameters
    /// (<see cref="SerialReference"/>), in words; null when nothing measured or predicted that time.
    /// </summary>
    public static string? AgainstSerial(MeasuredJob job)
    {
        if (SerialReference.From(job.Profile) is not { } serial)
        {
            return null;
        }

        var speedup = serial.SpeedupOf(job.Profile.WallSeconds);
        var reading = speedup < 0.95
            ? "slower than one core: the barriers and dispatch cost more than the width saved"
            : speedup <= 1.05 ? "no faster than one core" : "faster than one core";
        return $"speedup T_serial / wall = {F(speedup, "F2")}× ({reading}); T_serial = {F(serial.Seconds)} s, {serial.Source}";
    }

    public static HtmlPage Html(MeasuredJob job, JobTimeline timeline)
    {
        var page = new HtmlPage($"serialcluster report: job {job.JobId} ({job.Workload})")
            .Paragraph(
                $"{job.Workload} {string.Join(" ", job.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))}; mode " +
                $"{job.Mode}; P = {job.Profile.ParallelismCap}; wall {F(job.Profile.WallSeconds)} s, work {F(job.Profile.WorkSeconds)} s, span " +
                $"{F(job.Profile.SpanSeconds)} s.")
            .Paragraph(
                "Verdict: " + job.Qualify(timeline.Verdict.Explanation) + (AgainstSerial(job) is { } line ? " Against one core: " + line + "." : string.Empty))
            .Image(Charts.Timeline(timeline, $"job {job.JobId}: which silo ran what, when"), "timeline chart")
            .Image(Charts.Parallelism(timeline, Math.Max(1, job.Profile.ParallelismCap), "parallelism profile"), "parallelism chart")
            .Heading("Stages and critical path")
            .Table(
                [
                    "stage", "kind", "start s", "wall s", "tasks", "work s", "span s", "silos (tasks)", "last task's silo", "its start–end s",
                    "its compute s", "stage time not its compute s",
                ],
                timeline.Stages.Zip(timeline.CriticalPath).Select(x => (IReadOnlyList<string>)[
                    $"{x.First.Index} {x.First.Name}", x.First.Kind, F(x.First.Start), F(x.First.WallSeconds),
                    x.First.Tasks.ToString(CultureInfo.InvariantCulture), F(x.First.WorkSeconds), F(x.First.SpanSeconds), SiloCounts(x.First),
                    x.Second.Silo ?? "?", $"{F(x.Second.Start)}–{F(x.Second.End)}", F(x.Second.KernelSeconds), F(x.Second.WaitSeconds)]));
        if (timeline.Reconstructed)
        {
            page.Paragraph("This job recorded no stage start times (pinned mode): stages are laid end to end.");
        }

        return page;
    }

    private static string SiloCounts(TimelineStage stage) =>
        stage.Spans.Count == 0
            ? "—"
            : string.Join(
                ", ",
                stage.Spans.GroupBy(t => t.Silo, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(
                    g => $"{g.Key} ({g.Sum(t => t.Tasks)})"));
}
