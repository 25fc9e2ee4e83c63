using System.Text.Json.Nodes;
using SerialCluster.Analysis.Caveats;

namespace SerialCluster.Cli.Output;

/// <summary>
/// Other programs' load around a measured job in the JSON documents (<c>load</c>): written by <c>run --json</c>, read
/// back by <c>report --from</c>, so a verdict drawn later knows whether the machine was busy when the job ran.
/// </summary>
public static class LoadDocument
{
    public static JsonObject Build(LoadDuringRun load) => new()
    {
        ["foreignCoresBefore"] = load.ForeignCoresBefore,
        ["foreignCoresAfter"] = load.ForeignCoresAfter,
        ["cores"] = load.Cores,
        ["loadAverageBefore"] = load.LoadAverageBefore,
        ["loadAverageAfter"] = load.LoadAverageAfter,
        ["busy"] = load.IsBusy,
    };

    /// <summary>The load a document recorded; null when it recorded none (older documents, <c>jobs show --json</c>).</summary>
    public static LoadDuringRun? Read(JsonNode? node) =>
        node is JsonObject load && load["cores"]?.GetValue<int>() is { } cores
            ? new LoadDuringRun(
                load["foreignCoresBefore"]?.GetValue<double>(),
                load["foreignCoresAfter"]?.GetValue<double>(),
                cores,
                load["loadAverageBefore"]?.GetValue<double>(),
                load["loadAverageAfter"]?.GetValue<double>())
            : null;
}
