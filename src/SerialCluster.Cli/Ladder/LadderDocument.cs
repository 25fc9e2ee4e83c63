using System.Text.Json.Nodes;

namespace SerialCluster.Cli.Ladder;

/// <summary>The ladder as one JSON document: every rung with its figures and check, the floors, and the machine's load.</summary>
public static class LadderDocument
{
    public static JsonObject Build(LadderResult result)
    {
        var stepSeconds = result.Floors.StepNanoseconds * 1e-9;
        return new JsonObject
        {
            ["cluster"] = result.Cluster,
            ["jobStorage"] = result.JobStorage,
            ["loadBefore"] = result.LoadBefore,
            ["loadAfter"] = result.LoadAfter,
            ["secondsPerRung"] = result.SecondsPerRung,
            ["ks"] = new JsonArray([.. result.Ks.Select(k => (JsonNode)k)]),
            ["floors"] = new JsonObject
            {
                ["tcpRoundTripMicroseconds"] = result.Floors.TcpMicroseconds,
                ["handOffRoundTripMicroseconds"] = result.Floors.HandOffMicroseconds,
                ["stepNanoseconds"] = result.Floors.StepNanoseconds,
            },
            ["allIdentical"] = result.AllIdentical,
            ["rungs"] = new JsonArray([.. result.Cells.Select(c => (JsonNode)new JsonObject
            {
                ["boundary"] = LadderResult.Label(c.Boundary),
                ["k"] = c.K,
                ["skipped"] = c.Skipped,
                ["steps"] = c.Skipped is null ? c.Steps : null,
                ["crossings"] = c.Skipped is null ? c.Crossings : null,
                ["seconds"] = c.Skipped is null ? c.Seconds : null,
                ["stepsPerSecond"] = c.Skipped is null ? c.StepsPerSecond : null,
                ["crossingMicroseconds"] = c.Skipped is null ? c.CrossingMicroseconds(stepSeconds) : null,
                ["across"] = c.Skipped is null ? c.Across : null,
                ["identicalToOneLoop"] = c.Skipped is null ? c.Identical : null,
            })]),
        };
    }
}
