using System.Globalization;
using System.Text.Json.Nodes;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Analysis.Scaling;
using SerialCluster.Analysis.Schedule;
using SerialCluster.Cli.Output;
using Spectre.Console;
using static SerialCluster.Cli.Reports.Numbers;

namespace SerialCluster.Cli.Reports;

/// <summary>whatif's outputs: the JSON document and the terminal text.</summary>
public static class WhatIfOutput
{
    /// <param name="answerCores">Where to ask "more or faster cores?" from (default: the measured cores).</param>
    /// <param name="coreSpeeds">One more scenario, cores of these speeds (<c>--core-speeds</c>), after the cores × speed grid.</param>
    public static WhatIfResult Compute(
        MeasuredJob job,
        string source,
        int measuredCores,
        IReadOnlyList<int> cores,
        IReadOnlyList<double> speeds,
        IReadOnlyList<WhatIfCheck>? checks = null,
        int? answerCores = null,
        IReadOnlyList<double>? coreSpeeds = null,
        SerialReference? serial = null)
    {
        var model = ProfileMapping.Model(job.Profile, measuredCores);
        var coreList = cores.Count > 0 ? cores : [measuredCores, 2 * measuredCores];
        var speedList = speeds.Count > 0 ? speeds : [1.0, 2.0];
        var machines = (from c in coreList from s in speedList select new MachineScenario(c, s)).ToList();
        if (coreSpeeds is { Count: > 0 })
        {
            machines.Add(MachineScenario.Heterogeneous(coreSpeeds));
        }

        var predictions = machines.Select(m => (m, model.Predict(m))).ToList();
        checks ??= [WhatIfCheck.Of(model, measuredCores, measuredCores, job.Profile.WallSeconds, 0)];
        return new WhatIfResult(job, source, model, predictions, model.Answer(cores: answerCores), checks, serial ?? SerialReference.From(job.Profile));
    }

    public static JsonObject Json(WhatIfResult result) => new()
    {
        ["source"] = result.Source,
        ["jobId"] = result.Job.JobId,
        ["workload"] = result.Job.Workload,
        ["measured"] = new JsonObject
        {
            ["cores"] = result.Model.MeasuredCores,
            ["wallSeconds"] = result.Model.MeasuredWallSeconds,
            ["workSeconds"] = result.Model.WorkSeconds,
            ["spanSeconds"] = result.Model.SpanSeconds,
            ["dispatchSeconds"] = result.Model.DispatchSeconds,
            ["fixedSeconds"] = result.Model.FixedSeconds,
        },
        ["assumptions"] = new JsonArray([.. WhatIfResult.Assumptions.Select(a => (JsonNode)JsonValue.Create(a))]),
        ["serial"] = result.Serial is not { } serial ? null : new JsonObject { ["seconds"] = serial.Seconds, ["source"] = serial.Source },
        ["scenarios"] = new JsonArray(
            [.. result.Predictions.Select(p => (JsonNode)Scenario(p.Scenario, p.Seconds, result.Model.MeasuredWallSeconds, result.Serial))]),
        ["answer"] = new JsonObject
        {
            ["factor"] = result.Answer.Factor,
            ["fromCores"] = result.Answer.FromCores,
            ["baselineSeconds"] = result.Answer.BaselineSeconds,
            ["moreCoresSeconds"] = result.Answer.MoreCoresSeconds,
            ["fasterCoresSeconds"] = result.Answer.FasterCoresSeconds,
            ["choice"] = result.Answer.Choice,
            ["text"] = result.Answer.Describe(),
        },
        ["checks"] = new JsonArray([.. result.Checks.Select(c => (JsonNode)Check(c))]),
    };

    private static JsonObject Check(WhatIfCheck check)
    {
        var json = new JsonObject
        {
            ["p"] = check.P,
            ["cores"] = check.Cores,
            ["predictedSeconds"] = check.PredictedSeconds,
            ["measuredSeconds"] = check.MeasuredSeconds,
            ["relativeError"] = check.RelativeError,
            ["tolerance"] = check.Tolerance,
            ["within"] = check.Within,
        };
        if (check.Machine?.CoreSpeeds is { } speeds)
        {
            json["coreSpeeds"] = SpeedArray(speeds);
        }

        return json;
    }

    private static JsonArray SpeedArray(IReadOnlyList<double> speeds) => new([.. speeds.Select(s => (JsonNode)JsonValue.Create(s))]);

    /// <summary>One scenario: cores and speed (the fastest core's), and for cores of different speeds each one's, fastest first.</summary>
    private static JsonObject Scenario(MachineScenario scenario, double seconds, double measuredSeconds, SerialReference? serial)
    {
        var json = new JsonObject
        {
            ["cores"] = scenario.Cores,
            ["speed"] = scenario.Speed,
        };
        if (scenario.CoreSpeeds is { } coreSpeeds)
        {
            json["coreSpeeds"] = SpeedArray(coreSpeeds);
        }

        json["predictedSeconds"] = seconds;
        json["speedupOverMeasured"] = measuredSeconds / seconds;
        json["speedupOverSerial"] = serial is null ? null : JsonNumber(serial.SpeedupOf(seconds));
        return json;
    }

    /// <summary>The speed column: "2×" for identical cores; each core's for cores of different speeds (the first 8 of a long list).</summary>
    public static string Speeds(MachineScenario scenario)
    {
        if (scenario.CoreSpeeds is not { } speeds)
        {
            return F(scenario.Speed, "0.##") + "×";
        }

        const int Shown = 8;
        var listed = string.Join(", ", speeds.Take(Shown).Select(s => F(s, "0.###") + "×"));
        return speeds.Count > Shown ? $"{listed}, … ({speeds.Count} cores)" : listed;
    }

    public static string Signed(double share) => (share >= 0 ? "+" : "−") + Math.Abs(Math.Round(share, 6)).ToString("0.0%", CultureInfo.InvariantCulture);

    public static void Terminal(IAnsiConsole console, WhatIfResult result)
    {
        var m = result.Model;
        console.MarkupLine(Markup.Escape(
            $"measured: job {result.Job.JobId} ({result.Job.Workload}) from {result.Source}: {F(m.MeasuredWallSeconds)} s on {m.MeasuredCores} core(s); work " +
            $"{F(m.WorkSeconds)} s, span {F(m.SpanSeconds)} s, {F(m.FixedSeconds)} s outside its stages (planning, cost probe; fixed), dispatch " +
            $"{F(m.DispatchSeconds * 1e3)} ms per task (calibrated so the simulated stages take the measured time)"));
        var table = new TerminalTable()
            .AddColumn("cores", rightAligned: true).AddColumn("speed", rightAligned: true).AddColumn("predicted", rightAligned: true)
            .AddColumn("vs measured", rightAligned: true).AddColumn("vs serial (today's core)", rightAligned: true);
        foreach (var (scenario, seconds) in result.Predictions)
        {
            table.AddRow(
                scenario.Cores.ToString(CultureInfo.InvariantCulture),
                Speeds(scenario),
                F(seconds) + " s",
                SpeedChange.Describe(m.MeasuredWallSeconds, seconds),
                result.Serial is { } serial ? F(serial.SpeedupOf(seconds), "F2") + "×" : "—");
        }

        table.Write(console);
        if (result.Serial is { } reference)
        {
            console.MarkupLine(
                Markup.Escape(
                    $"vs serial = T_serial / predicted, T_serial = {F(reference.Seconds)} s: {reference.Source} (absolute speedup against one of today's " +
                    $"cores; below 1, the scenario is slower than the serial run)"));
        }

        console.MarkupLine("[bold]more cores or faster cores?[/] " + Markup.Escape(result.Answer.Describe()));
        foreach (var check in result.Checks)
        {
            console.MarkupLine(Markup.Escape(
                $"check P={check.P}: predicted {F(check.PredictedSeconds)} s on " +
                $"{(check.Machine is { IsHeterogeneous: true } machine ? "cores of speeds " + Speeds(machine) : check.Cores + " core(s)")}, measured " +
                $"{F(check.MeasuredSeconds)} s ({Signed(check.RelativeError)}; tolerance ±{check.Tolerance:0%}: {(check.Within ? "within" : "OUTSIDE")})"));
        }

        console.MarkupLine("[grey]assumptions:[/]");
        foreach (var assumption in WhatIfResult.Assumptions)
        {
            console.MarkupLine("[grey]- " + Markup.Escape(assumption) + "[/]");
        }
    }
}
