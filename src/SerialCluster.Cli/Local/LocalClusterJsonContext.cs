using System.Text.Json;
using System.Text.Json.Serialization;

namespace SerialCluster.Cli.Local;

/// <summary>
/// The state file's serializer, generated at build time: every command reads the file before it connects, and a
/// reflection-based serializer would first have to build its converters, on the critical path of a one-shot run.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(LocalClusterState))]
internal sealed partial class LocalClusterJsonContext : JsonSerializerContext;
