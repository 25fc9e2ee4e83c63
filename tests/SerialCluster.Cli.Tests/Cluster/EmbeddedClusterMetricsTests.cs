using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SerialCluster.Cli.Cluster;
using SerialCluster.Cli.Commands;
using SerialCluster.Grains.Diagnostics;
using SerialCluster.Hosting;

namespace SerialCluster.Cli.Tests.Cluster;

/// <summary>
/// <c>--metrics-port</c>: the embedded cluster serves the deployed silo's <c>/metrics</c> from silo 0 when asked, and
/// nothing otherwise. Counters are per process and other tests run jobs beside these, so they compare before and after.
/// </summary>
public sealed class EmbeddedClusterMetricsTests
{
    [Fact]
    public async Task WithAMetricsPortAJobOnTheEmbeddedClusterIsCountedUnderItsWorkload()
    {
        var port = FreePort();
        await using var connection = await ClusterConnection.OpenAsync(new ClusterSettings { Silos = 2, MetricsPort = port }, _ => { }, CancellationToken.None);
        var url = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/metrics";
        Assert.Equal(url, connection.Embedded!.MetricsUrl);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var before = Submitted(await http.GetStringAsync(new Uri(url)), "hashchain");

        var gateway = "127.0.0.1:" + connection.Embedded.GatewayPorts[0].ToString(CultureInfo.InvariantCulture);
        var run = await CliHarness.RunAsync(
            "run", "hashchain", "--set", "steps=1000", "--gateway", gateway, "--cluster-id", EmbeddedCluster.ClusterId, "--json");
        Assert.True(run.Code == ExitCodes.Success, run.Stderr);

        var scrape = await http.GetStringAsync(new Uri(url));
        Assert.True(Submitted(scrape, "hashchain") >= before + 1, $"{MetricNames.JobsSubmitted}{{workload=\"hashchain\"}} did not move:\n{scrape}");
        // Orleans' own meter comes through the same endpoint, as from a deployed silo.
        Assert.Contains("microsoft_orleans_", scrape, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAMetricsPortNothingListens()
    {
        var defaultPortWasFree = !IsListening(SiloHostOptions.DefaultMetricsPort);
        await using var connection = await ClusterConnection.OpenAsync(new ClusterSettings { Silos = 2 }, _ => { }, CancellationToken.None);

        Assert.Null(connection.Embedded!.MetricsUrl);
        var endpoints = connection.Embedded.SiloServices.SelectMany(s => s.GetServices<IHostedService>().OfType<MetricsEndpoint>()).ToList();
        Assert.Equal(2, endpoints.Count);
        Assert.All(endpoints, e => Assert.False(e.IsServing));
        if (defaultPortWasFree)
        {
            // Not the deployed silo's default port either: the embedded cluster sets MetricsPort 0 unless asked.
            Assert.False(IsListening(SiloHostOptions.DefaultMetricsPort), $"something listens on {SiloHostOptions.DefaultMetricsPort}");
        }
    }

    [Theory]
    [InlineData("--metrics-port 0 is out of range; allowed: 1 to 65535", "run", "hashchain", "--metrics-port", "0")]
    [InlineData("--metrics-port 70000 is out of range; allowed: 1 to 65535", "run", "hashchain", "--metrics-port", "70000")]
    [InlineData("--metrics-port 9400 is for the embedded cluster", "run", "hashchain", "--metrics-port", "9400", "--gateway", "127.0.0.1:1")]
    public async Task ABadMetricsPortIsOneLineNamingTheOption(string expected, params string[] args)
    {
        var (code, stdout, stderr) = await CliHarness.RunAsync(args);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(stdout);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMetricsPortInUseFailsTheStartNamingTheOption()
    {
        using var taken = new HttpListener();
        var port = FreePort().ToString(CultureInfo.InvariantCulture);
        taken.Prefixes.Add($"http://127.0.0.1:{port}/metrics/");
        taken.Start();

        var (code, stdout, stderr) = await CliHarness.RunAsync("run", "hashchain", "--set", "steps=1", "--silos", "1", "--metrics-port", port);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(stdout);
        Assert.Contains($"--metrics-port {port}: 127.0.0.1:{port} could not be opened", stderr, StringComparison.Ordinal);
    }

    /// <summary>The sum of the family's samples with <c>workload="…"</c>, from Prometheus' text format.</summary>
    private static double Submitted(string scrape, string workload) =>
        scrape.Split('\n')
            .Where(l => l.StartsWith(MetricNames.JobsSubmitted + "{", StringComparison.Ordinal))
            .Where(l => l.Contains($"workload=\"{workload}\"", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static bool IsListening(int port)
    {
        using var client = new TcpClient();
        try
        {
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
