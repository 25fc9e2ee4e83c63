using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using SerialCluster.Cli;
using SerialCluster.Cli.Cluster;
using SerialCluster.Hosting;
using SerialCluster.Integration.Tests.Infrastructure;
using SerialCluster.Integration.Tests.Reliability;
using Xunit.Abstractions;

namespace SerialCluster.Integration.Tests.Connection;

/// <summary>
/// The CLI reaching a silo's gateway through a port forwarded from another port (Docker's <c>127.0.0.1:30001:30000</c>,
/// an SSH tunnel <c>-L 30001:silo:30000</c>), a <see cref="TcpForwarder"/> on loopback standing in for either. Each silo
/// advertises an address of its own in 127.0.0.0/8, so that the addresses it takes for another silo's reach nobody
/// else's processes on this shared machine.
/// </summary>
[Trait("Category", "Integration")]
[Collection(ProcessCollection.Name)]
public sealed class ForwardedGatewayTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);
    private static readonly Dictionary<string, string> Job = new() { ["samples"] = "200000", ["tasks"] = "2", ["seed"] = "7" };

    [SkippableFact]
    public async Task ARunThroughAPortForwardedToTheDefaultGatewayPortCompletes()
    {
        var address = IPAddress.Parse("127.0.0.2");
        Skip.IfNot(IsFree(address, SiloHostOptions.DefaultGatewayPort), $"{address}:{SiloHostOptions.DefaultGatewayPort} is taken on this machine");
        await using var cluster = await ProcessCluster.CreateAsync();
        await cluster.StartSilosAsync(new SiloSpec("fwd-default", Settings(address, SiloHostOptions.DefaultGatewayPort)));
        await using var forwarder = TcpForwarder.Start(address, SiloHostOptions.DefaultGatewayPort);

        var (exit, stdout, stderr) = await RunAsync(cluster, forwarder);

        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        Assert.Contains(
            $"gateway 127.0.0.1:{forwarder.Port} is a port forwarded to silo {address}:", stderr, StringComparison.Ordinal);
        Assert.Contains($"whose gateway is at port {SiloHostOptions.DefaultGatewayPort}", stderr, StringComparison.Ordinal);
        var result = JsonNode.Parse(stdout)!["result"]!.ToJsonString();
        Assert.Equal(FaultTests.Reference("montecarlo", Job), result);
    }

    [SkippableFact]
    public async Task APortForwardedToAnotherGatewayPortFailsAtOnceNamingTheRule()
    {
        var address = IPAddress.Parse("127.0.0.3");
        var gatewayPort = FreePorts.Take(1)[0];
        await using var cluster = await ProcessCluster.CreateAsync();
        await cluster.StartSilosAsync(new SiloSpec("fwd-other", Settings(address, gatewayPort)));
        await using var forwarder = TcpForwarder.Start(address, gatewayPort);

        var (exit, _, stderr) = await RunAsync(cluster, forwarder);

        Assert.Equal(ExitCodes.GatewayUnreachable, exit);
        var error = stderr.Split('\n').Single(l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains($"cannot connect to gateway 127.0.0.1:{forwarder.Port}: a silo ({address}:", error, StringComparison.Ordinal);
        Assert.Contains(ForwardedGateway.Rule, error, StringComparison.Ordinal);
        Assert.DoesNotContain("TLS", error, StringComparison.Ordinal);
        Assert.DoesNotContain("cluster id", error, StringComparison.Ordinal);
    }

    private static string[] Settings(IPAddress address, int gatewayPort) =>
    [
        .. FaultCluster.Settings(0),
        .. SiloProcess.Setting("AdvertisedIPAddress", address.ToString()),
        .. SiloProcess.Setting("GatewayPort", gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    /// <summary>Runs a small job with <c>serialcluster run --json</c> through the forward; its exit code, stdout and stderr.</summary>
    private async Task<(int Exit, string Stdout, string Stderr)> RunAsync(ProcessCluster cluster, TcpForwarder forwarder)
    {
        var clock = Stopwatch.StartNew();
        var run = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        string[] arguments =
        [
            CliProcess.Dll, "run", "montecarlo", .. Job.SelectMany(p => new[] { "--set", $"{p.Key}={p.Value}" }), "--json",
            "--gateway", $"127.0.0.1:{forwarder.Port}", "--cluster-id", cluster.ClusterId, "--connect-timeout", "60",
        ];
        foreach (var argument in arguments)
        {
            run.ArgumentList.Add(argument);
        }

        using var process = Process.Start(run)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"serialcluster did not exit within {Deadline.TotalSeconds:F0} s; stderr:\n{await stderr}");
        }

        output.WriteLine($"exit {process.ExitCode} after {clock.Elapsed.TotalSeconds:F1} s through 127.0.0.1:{forwarder.Port}; stderr:\n{await stderr}");
        return (process.ExitCode, await stdout, await stderr);
    }

    private static bool IsFree(IPAddress address, int port)
    {
        try
        {
            using var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(address, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
