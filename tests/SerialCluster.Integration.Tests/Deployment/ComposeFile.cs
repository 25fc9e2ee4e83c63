using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SerialCluster.Integration.Tests.Deployment;

/// <summary>
/// docker-compose.yml as Compose reads it: YAML merge keys (<c>&lt;&lt;: *silo</c>) resolved, so each service shows the
/// settings it really gets. Variables (<c>${X:-default}</c>) are left as written.
/// </summary>
public sealed class ComposeFile
{
    public const string RelativePath = "docker-compose.yml";

    private ComposeFile(YamlMappingNode root) => Root = root;

    public YamlMappingNode Root { get; }

    public IReadOnlyDictionary<string, YamlMappingNode> Services =>
        ((YamlMappingNode)Root["services"]).Children.ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => (YamlMappingNode)e.Value, StringComparer.Ordinal);

    public static ComposeFile Load() => new(LoadYaml(Repository.File(RelativePath)));

    /// <summary>Any YAML file with merge keys resolved.</summary>
    public static YamlMappingNode LoadYaml(string path)
    {
        using var reader = new StringReader(File.ReadAllText(path));
        var stream = new YamlStream();
        stream.Load(new MergingParser(new Parser(reader)));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    public YamlMappingNode Service(string name) => Services.TryGetValue(name, out var service)
        ? service
        : throw new InvalidOperationException($"{RelativePath} has no service '{name}'");

    /// <summary>A service's environment (map form) as key → value.</summary>
    public static IReadOnlyDictionary<string, string> Environment(YamlMappingNode service) =>
        Child(service, "environment") is YamlMappingNode environment
            ? environment.Children.ToDictionary(
                e => ((YamlScalarNode)e.Key).Value!,
                e => ((YamlScalarNode)e.Value).Value ?? string.Empty,
                StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>A scalar child's text, or null when absent.</summary>
    public static string? Scalar(YamlMappingNode node, string key) => (Child(node, key) as YamlScalarNode)?.Value;

    /// <summary>A sequence child's items as text (empty when absent).</summary>
    public static IReadOnlyList<string> Strings(YamlMappingNode node, string key) =>
        Child(node, key) is YamlSequenceNode sequence ? [.. sequence.Children.Select(c => ((YamlScalarNode)c).Value ?? string.Empty)] : [];

    public static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
}
