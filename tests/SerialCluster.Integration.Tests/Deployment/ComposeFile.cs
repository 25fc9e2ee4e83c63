using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SerialCluster.Integration.Tests.Deployment;

/// <summary>
/// docker-compose.yml as Compose reads it with no variable set (a user's plain <c>docker compose up</c>): variables at
/// their defaults (<c>${X:-default}</c>, unset ones empty, <c>$$</c> a literal <c>$</c>) and YAML merge keys
/// (<c>&lt;&lt;: *silo</c>) resolved, so each service shows the settings it really gets. <see cref="Text"/> is the file as written.
/// </summary>
public sealed partial class ComposeFile
{
    public const string RelativePath = "docker-compose.yml";

    private ComposeFile(YamlMappingNode root) => Root = root;

    public YamlMappingNode Root { get; }

    public IReadOnlyDictionary<string, YamlMappingNode> Services =>
        ((YamlMappingNode)Root["services"]).Children.ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => (YamlMappingNode)e.Value, StringComparer.Ordinal);

    public static string Text => File.ReadAllText(Repository.File(RelativePath));

    public static ComposeFile Load() => new(ParseYaml(WithDefaults(Text)));

    /// <summary>Any YAML file with merge keys resolved.</summary>
    public static YamlMappingNode LoadYaml(string path) => ParseYaml(File.ReadAllText(path));

    /// <summary>Compose's interpolation with an empty environment: each variable becomes its default, or nothing.</summary>
    public static string WithDefaults(string text) =>
        Variable().Replace(text, m => m.Value == "$$" ? "$" : m.Groups["default"].Value);

    private static YamlMappingNode ParseYaml(string text)
    {
        using var reader = new StringReader(text);
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

    [GeneratedRegex(@"\$\$|\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?::?-(?<default>[^}]*))?\}")]
    private static partial Regex Variable();
}
