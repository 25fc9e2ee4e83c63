using System.Text.Json.Nodes;
using static SerialCluster.Cli.Reports.Numbers;

namespace SerialCluster.Cli.Reports;

/// <summary>
/// The <c>fits</c> object of a sweep's JSON document: Amdahl (plain, relative, on measured cores, paired), Gustafson, USL;
/// each serial fraction says whether its standard error makes it <c>inconclusive</c>, and Gustafson whether α is <c>negative</c>.
/// </summary>
public static class SweepFitsJson
{
    public static JsonObject Build(SweepResult sweep)
    {
        var a = sweep.Analysis;
        return new JsonObject
        {
            ["amdahl"] = a.Amdahl is null ? null : new JsonObject
            {
                ["baseline"] = a.Amdahl.Absolute ? "absolute" : "relative",
                ["serialFraction"] = a.Amdahl.SerialFraction.Value,
                ["serialFractionStdErr"] = JsonNumber(a.Amdahl.SerialFraction.StandardError),
                ["inconclusive"] = a.Amdahl.SerialFraction.IsInconclusive(SweepFindings.FractionResolution),
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
                ["inconclusive"] = rel.SerialFraction.IsInconclusive(SweepFindings.FractionResolution),
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
                ["inconclusive"] = onCores.SerialFraction.IsInconclusive(SweepFindings.FractionResolution),
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
                ["inconclusive"] = paired.SerialFraction.IsInconclusive(SweepFindings.FractionResolution),
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
                ["negative"] = a.Gustafson.IsNegative,
                ["scaledSpeedupAtCores"] = a.Gustafson.IsNegative ? null : a.Gustafson.ScaledSpeedup(sweep.Cores),
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
        };
    }
}
