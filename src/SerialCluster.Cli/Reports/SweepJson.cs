using System.Text.Json.Nodes;
using SerialCluster.Cli.Output;
using static SerialCluster.Cli.Reports.Numbers;

namespace SerialCluster.Cli.Reports;

/// <summary>A sweep as one JSON document: its runs, points, fits, capacity control, work–span and what-if checks.</summary>
public static class SweepJson
{
    public static JsonObject Build(SweepResult sweep)
    {
        var a = sweep.Analysis;
        return new JsonObject
        {
            ["partial"] = sweep.Partial,
            ["workload"] = sweep.Workload,
            ["parameters"] = new JsonObject(
                [.. sweep.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))]),
            ["mode"] = sweep.Mode,
            ["cluster"] = sweep.Cluster,
            ["cores"] = sweep.Cores,
            ["unit"] = sweep.Unit is { } unit ? new JsonObject
            {
                ["noun"] = unit.Noun,
                ["coresEach"] = unit.CoresEach,
                ["count"] = unit.Count,
                ["description"] = unit.Describe(),
            } : null,
            ["repeat"] = sweep.Repeat,
            ["saturation"] = sweep.SaturationNote,
            ["speedupBaseline"] = a.IsAbsolute ? "absolute" : "relative",
            ["baselineSeconds"] = JsonNumber(a.BaselineSeconds),
            ["verdict"] = sweep.Verdict,
            ["load"] = sweep.Load is { } load ? LoadDocument.Build(load) : null,
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
            ["fits"] = SweepFitsJson.Build(sweep),
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
}
