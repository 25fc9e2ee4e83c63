using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using SerialCluster.Integration.Tests.Infrastructure;

namespace SerialCluster.Integration.Tests.Deployment;

/// <summary>
/// Debian's <c>prometheus</c> on a free loopback port with a config and a temporary TSDB of its own; killed by PID on
/// dispose. Skips the test where it is not installed.
/// </summary>
public sealed class PrometheusServer : IDisposable
{
    private readonly ChildProcess _process;
    private readonly string _directory;
    private readonly HttpClient _http;

    private PrometheusServer(ChildProcess process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public int Port { get; }

    /// <summary>Starts Prometheus with the compose cluster's config made local (<see cref="PrometheusConfig"/>) and waits until it is ready.</summary>
    public static async Task<PrometheusServer> StartAsync(IReadOnlyDictionary<string, IReadOnlyList<string>> targets, TimeSpan scrapeInterval)
    {
        var program = Tool.Require("prometheus", Tool.PrometheusMissing);
        var port = FreePorts.Take(1)[0];
        var directory = Directory.CreateTempSubdirectory("serialcluster-prometheus-").FullName;
        var config = Path.Combine(directory, "prometheus.yml");
        PrometheusConfig.WriteLocal(config, targets, scrapeInterval, port);
        var process = ChildProcess.Start(
            "prometheus",
            program,
            [
                $"--config.file={config}",
                $"--storage.tsdb.path={Path.Combine(directory, "data")}",
                $"--web.listen-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
                "--web.enable-lifecycle",
                "--log.level=warn",
            ],
            directory);
        var server = new PrometheusServer(process, directory, port);
        try
        {
            await Poll.UntilAsync($"prometheus on port {port} to be ready", TimeSpan.FromSeconds(30), async () => await server.IsReadyAsync() ? "ready" : null);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Evaluates an instant query at the server's now; returns the result vector (or matrix / scalar) as JSON.</summary>
    public async Task<JsonElement> QueryAsync(string promql)
    {
        using var response = await _http.PostAsync("api/v1/query", new FormUrlEncodedContent([new("query", promql)]));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!response.IsSuccessStatusCode || body.GetProperty("status").GetString() != "success")
        {
            throw new InvalidOperationException($"Prometheus rejected `{promql}`: {(int)response.StatusCode} {body}");
        }

        return body.GetProperty("data");
    }

    /// <summary>Every active target's scrape pool, labels and health.</summary>
    public async Task<JsonElement> TargetsAsync()
    {
        var body = await _http.GetFromJsonAsync<JsonElement>("api/v1/targets?state=active");
        return body.GetProperty("data").GetProperty("activeTargets");
    }

    /// <summary>A label's values among the series <paramref name="match"/> selects (what Grafana's label_values() asks).</summary>
    public async Task<IReadOnlyList<string>> LabelValuesAsync(string label, string match)
    {
        var body = await _http.GetFromJsonAsync<JsonElement>($"api/v1/label/{label}/values?match[]={Uri.EscapeDataString(match)}");
        return [.. body.GetProperty("data").EnumerateArray().Select(v => v.GetString()!)];
    }

    public string Output() => _process.Output();

    public void Dispose()
    {
        _http.Dispose();
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temporary directory left behind is harmless.
        }
    }

    private async Task<bool> IsReadyAsync()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"prometheus exited; its output:\n{_process.Output()}");
        }

        try
        {
            using var response = await _http.GetAsync("-/ready");
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
