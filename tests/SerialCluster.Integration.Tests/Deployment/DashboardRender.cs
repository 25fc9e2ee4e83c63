using System.Text.Json;

namespace SerialCluster.Integration.Tests.Deployment;

/// <summary>What tests/dashboards-check/render.mjs found: each rendered panel's values as Grafana would show them, and its findings.</summary>
public sealed class DashboardRender(int exitCode, string output, JsonElement result)
{
    public int ExitCode { get; } = exitCode;

    /// <summary>The renderer's own lines: one per rendered panel, then one per finding.</summary>
    public string Output { get; } = output;

    public IReadOnlyList<string> Findings { get; } = [.. result.GetProperty("findings").EnumerateArray().Select(f => f.GetString()!)];

    /// <summary>The texts a panel shows, by series name, in one scenario.</summary>
    public IReadOnlyDictionary<string, string> Shown(string scenario, string dashboardUid, string panelTitle)
    {
        var panel = result.GetProperty("panels").EnumerateArray().SingleOrDefault(p =>
            p.GetProperty("scenario").GetString() == scenario && p.GetProperty("dashboard").GetString() == dashboardUid
            && p.GetProperty("panel").GetString() == panelTitle);
        Assert.True(panel.ValueKind == JsonValueKind.Object, $"{scenario}: {dashboardUid} / {panelTitle} was not rendered:\n{Output}");
        return panel.GetProperty("values").EnumerateArray().ToDictionary(
            v => v.GetProperty("name").GetString()!, v => v.GetProperty("text").GetString()!, StringComparer.Ordinal);
    }
}
