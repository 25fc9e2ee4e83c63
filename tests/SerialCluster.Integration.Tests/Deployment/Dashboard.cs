using System.Text.Json;

namespace SerialCluster.Integration.Tests.Deployment;

/// <summary>One Grafana dashboard from dashboards/*.json: its panels (rows' nested panels included), queries and variables.</summary>
public sealed class Dashboard
{
    public const string Folder = "dashboards";

    private Dashboard(string file, JsonElement root)
    {
        File = file;
        Root = root;
    }

    public string File { get; }

    public JsonElement Root { get; }

    public string Uid => Root.GetProperty("uid").GetString()!;

    public string Title => Root.GetProperty("title").GetString()!;

    /// <summary>Every panel, rows included, with the panels nested inside collapsed rows.</summary>
    public IEnumerable<JsonElement> Panels
    {
        get
        {
            foreach (var panel in Root.GetProperty("panels").EnumerateArray())
            {
                yield return panel;
                if (panel.TryGetProperty("panels", out var nested))
                {
                    foreach (var inner in nested.EnumerateArray())
                    {
                        yield return inner;
                    }
                }
            }
        }
    }

    public IEnumerable<JsonElement> Variables => Root.GetProperty("templating").GetProperty("list").EnumerateArray();

    /// <summary>Every PromQL query: the panel's title with its refId, and the expression as written.</summary>
    public IEnumerable<(string Panel, string Expr)> Queries =>
        from panel in Panels
        where panel.TryGetProperty("targets", out _)
        from target in panel.GetProperty("targets").EnumerateArray()
        select ($"{Title} / {panel.GetProperty("title").GetString()} [{target.GetProperty("refId").GetString()}]", target.GetProperty("expr").GetString()!);

    public static IReadOnlyList<Dashboard> LoadAll() =>
        [.. Directory.GetFiles(Repository.File(Folder), "*.json").Order(StringComparer.Ordinal)
            .Select(path => new Dashboard(Path.GetFileName(path), JsonDocument.Parse(System.IO.File.ReadAllText(path)).RootElement))];

    /// <summary>
    /// The expression as Grafana would send it: template variables at their "All" value, <c>$__rate_interval</c> as
    /// <paramref name="rateInterval"/> (a PromQL duration).
    /// </summary>
    public string Expand(string expr, string rateInterval)
    {
        var text = expr.Replace("$__rate_interval", rateInterval, StringComparison.Ordinal);
        foreach (var variable in Variables.Where(v => v.GetProperty("type").GetString() == "query"))
        {
            var all = variable.GetProperty("allValue").GetString()!;
            var name = variable.GetProperty("name").GetString()!;
            text = text.Replace("${" + name + "}", all, StringComparison.Ordinal).Replace("$" + name, all, StringComparison.Ordinal);
        }

        return text;
    }
}
