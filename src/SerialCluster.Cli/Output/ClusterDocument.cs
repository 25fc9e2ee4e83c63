using System.Text.Json;
using System.Text.Json.Nodes;
using SerialCluster.Cli.Cluster;
using SerialCluster.Grains.Calibration;
using SerialCluster.Workloads.Calibration;

namespace SerialCluster.Cli.Output;

/// <summary>
/// The one JSON document <c>cluster --json</c> prints: the scores' unit, the cluster's cores (shared CPUs once), hosts and
/// <c>processors</c> (what a sweep's P counts: cores, or slow silos under CPU quotas), every silo with its figures (<c>sharedBy</c>:
/// silos on its CPUs, itself included; <c>calibration</c> null until measured; <c>load</c>: its latest CPU slice and the cores
/// other programs keep busy on its host, null where not measured), and the hop matrix as a list of from/to pairs.
/// </summary>
public static class ClusterDocument
{
    public static JsonObject Build(ClusterSurvey survey)
    {
        var silos = new JsonArray();
        var hops = new JsonArray();
        foreach (var silo in survey.Silos)
        {
            var capacity = silo.Capacity;
            silos.Add(new JsonObject
            {
                ["name"] = silo.Name,
                ["address"] = silo.Address.ToParsableString(),
                ["machine"] = silo.HostName,
                ["role"] = capacity?.Role.ToString().ToLowerInvariant(),
                ["host"] = capacity is null ? null : CoreClaims.HostOf(capacity),
                ["cpuSet"] = capacity?.CpuSet,
                ["cores"] = capacity?.Cores,
                ["sharedBy"] = capacity is null ? null : survey.SharedBy(silo),
                ["runningChains"] = capacity?.RunningChains,
                ["runningTasks"] = capacity?.RunningTasks,
                ["load"] = Load(survey, silo),
                ["calibration"] = capacity?.Calibration is { } c ? JsonSerializer.SerializeToNode(c, JobDocument.Options) : null,
            });
            foreach (var hop in capacity?.Hops ?? [])
            {
                hops.Add(new JsonObject
                {
                    ["from"] = silo.Name,
                    ["to"] = hop.Peer,
                    ["p50Microseconds"] = Math.Round(hop.P50Microseconds, 1),
                    ["p99Microseconds"] = Math.Round(hop.P99Microseconds, 1),
                    ["samples"] = hop.Samples,
                });
            }
        }

        return new JsonObject
        {
            ["scoreUnit"] = CalibrationKernel.Unit,
            ["cores"] = survey.Cores,
            ["hosts"] = survey.Hosts.Count,
            ["processors"] = survey.Cores <= 0 ? null : new JsonObject
            {
                ["noun"] = survey.Unit.Noun,
                ["count"] = survey.Unit.Count,
                ["coresEach"] = survey.Unit.CoresEach,
            },
            ["silos"] = silos,
            ["hops"] = hops,
        };
    }

    /// <summary>The latest CPU slice of the silo and what other programs keep busy on its host; null where unmeasured.</summary>
    private static JsonObject? Load(ClusterSurvey survey, SurveyedSilo silo) =>
        MachineLoad.Latest(silo.Capacity?.Load) is { } latest
            ? new JsonObject
            {
                ["machineBusyCores"] = Math.Round(latest.MachineBusyCores, 2),
                ["processBusyCores"] = Math.Round(latest.ProcessBusyCores, 2),
                ["foreignBusyCores"] = Math.Round(survey.ForeignBusyCores(silo), 2),
            }
            : null;
}
