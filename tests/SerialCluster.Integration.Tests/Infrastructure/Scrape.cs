using System.Globalization;
using System.Text.RegularExpressions;

namespace SerialCluster.Integration.Tests.Infrastructure;

/// <summary>One Prometheus text-format scrape: the families it declares and its samples.</summary>
public sealed partial class Scrape
{
    private readonly Dictionary<string, string> _types = new(StringComparer.Ordinal);
    private readonly List<(string Name, string Labels, double Value)> _samples = [];

    public Scrape(string text)
    {
        Text = text;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                _types[parts[2]] = parts[3];
            }
            else if (!line.StartsWith('#') && Sample().Match(line) is { Success: true } m)
            {
                _samples.Add((m.Groups["name"].Value, m.Groups["labels"].Value, double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture)));
            }
        }
    }

    public string Text { get; }

    public IReadOnlyDictionary<string, string> Types => _types;

    public static async Task<Scrape> ReadAsync(HttpClient http, string url) => new(await http.GetStringAsync(url));

    /// <summary>The sum of every sample of <paramref name="name"/> whose labels contain each of <paramref name="labels"/> (<c>key="value"</c>).</summary>
    public double Sum(string name, params string[] labels) =>
        _samples.Where(s => s.Name == name && labels.All(l => s.Labels.Contains(l, StringComparison.Ordinal))).Sum(s => s.Value);

    public IEnumerable<(string Labels, double Value)> Samples(string name) =>
        _samples.Where(s => s.Name == name).Select(s => (s.Labels, s.Value));

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})?\s+(?<value>\S+)")]
    private static partial Regex Sample();
}
