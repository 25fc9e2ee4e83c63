using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SerialCluster.Integration.Tests.Deployment;

/// <summary>
/// Prometheus' answers to the queries of every panel tests/dashboards-check renders (stat, gauge, bar gauge,
/// heatmap), asked as Grafana asks them: a range query over the dashboard's time range, template variables at
/// "All", <c>$__rate_interval</c> given. Scenarios accumulate; <see cref="Write"/> saves them for render.mjs.
/// </summary>
public sealed class DashboardAnswers
{
    public static readonly IReadOnlySet<string> RenderedTypes = new HashSet<string>(["stat", "gauge", "bargauge", "heatmap"], StringComparer.Ordinal);

    private readonly JsonArray _scenarios = [];

    /// <summary>Records one scenario: every rendered panel's queries over [<paramref name="from"/>, now] at <paramref name="step"/>.</summary>
    public async Task RecordAsync(string scenario, PrometheusServer prometheus, DateTimeOffset from, TimeSpan step, string rateInterval)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{prometheus.Port}/"), Timeout = TimeSpan.FromSeconds(10) };
        // The steps end exactly now, so the last point of every answer is as new as the state the caller waited for.
        var to = DateTimeOffset.UtcNow;
        from = to - (step * Math.Ceiling((to - from) / step));
        var answers = new JsonArray();
        foreach (var dashboard in Dashboard.LoadAll())
        {
            foreach (var panel in dashboard.Panels.Where(p => RenderedTypes.Contains(p.GetProperty("type").GetString()!)))
            {
                foreach (var target in panel.GetProperty("targets").EnumerateArray())
                {
                    var query = dashboard.Expand(target.GetProperty("expr").GetString()!, rateInterval);
                    answers.Add(new JsonObject
                    {
                        ["dashboard"] = dashboard.Uid,
                        ["panel"] = panel.GetProperty("id").GetInt32(),
                        ["refId"] = target.GetProperty("refId").GetString(),
                        ["query"] = query,
                        ["data"] = JsonNode.Parse((await QueryRangeAsync(http, query, from, to, step)).GetRawText()),
                    });
                }
            }
        }

        _scenarios.Add(new JsonObject { ["name"] = scenario, ["answers"] = answers });
    }

    public void Write(string path) => File.WriteAllText(path, new JsonObject { ["scenarios"] = _scenarios.DeepClone() }.ToJsonString());

    private static async Task<JsonElement> QueryRangeAsync(HttpClient http, string query, DateTimeOffset from, DateTimeOffset to, TimeSpan step)
    {
        string Seconds(double value) => value.ToString("F3", CultureInfo.InvariantCulture);
        using var response = await http.PostAsync("api/v1/query_range", new FormUrlEncodedContent(
        [
            new("query", query),
            new("start", Seconds(from.ToUnixTimeMilliseconds() / 1000.0)),
            new("end", Seconds(to.ToUnixTimeMilliseconds() / 1000.0)),
            new("step", Seconds(step.TotalSeconds)),
        ]));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!response.IsSuccessStatusCode || body.GetProperty("status").GetString() != "success")
        {
            throw new InvalidOperationException($"Prometheus rejected the range query `{query}`: {(int)response.StatusCode} {body}");
        }

        return body.GetProperty("data");
    }
}
