using System.Net;
using System.Net.Sockets;
using SerialCluster.Cli.Local;

namespace SerialCluster.Cli.Tests.Local;

/// <summary>
/// <c>up</c>, <c>status</c>, <c>down</c> and the commands that find the local cluster by its state file, all as real
/// processes: the host <c>up</c> starts outlives it, a job run without flags lands on it, <c>down</c> leaves no
/// process behind, and a stale state file or a taken port are one clear line.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class LocalClusterCommandTests
{
    [Fact]
    public async Task UpStatusRunDownRunsTheJobOnTheLocalClusterAndLeavesNoProcess()
    {
        await using var sandbox = new LocalClusterSandbox();

        var up = await sandbox.RunJsonAsync("up", "--silos", "2");
        var pid = up["pid"]!.GetValue<int>();
        Assert.True(up["running"]!.GetValue<bool>());
        Assert.True(UnixProcess.IsRunning(pid, 0), $"the host process {pid} is not running after `up` returned");
        Assert.True(File.Exists(sandbox.Paths.StateFile));

        var status = await sandbox.RunJsonAsync("status");
        Assert.Equal("running", status["state"]!.GetValue<string>());
        Assert.Equal(pid, status["pid"]!.GetValue<int>());
        Assert.Equal(2, status["silos"]!.AsArray().Count);

        var run = await sandbox.RunJsonAsync("run", "hashchain", "--set", "steps=1000");
        var jobId = run["jobId"]!.GetValue<string>();
        // Jobs of the embedded cluster end with the command: the job is listed afterwards only if it ran on the local cluster.
        var jobs = await sandbox.RunJsonAsync("jobs", "list");
        Assert.Contains(jobs["jobs"]!.AsArray(), j => j!["jobId"]!.GetValue<string>() == jobId);

        // Commands whose subject is a stored job find it there too, with no flags.
        var report = await sandbox.RunJsonAsync("report", jobId);
        Assert.Equal(jobId, report["jobId"]!.GetValue<string>());

        var (downCode, downOut, downErr) = await sandbox.RunAsync("down");
        Assert.True(downCode == ExitCodes.Success, downErr);
        Assert.Contains($"stopped local cluster 'serialcluster-up' (pid {pid})", downOut, StringComparison.Ordinal);
        Assert.False(UnixProcess.IsRunning(pid, 0), $"the host process {pid} still runs after `down`");
        Assert.Empty(sandbox.ProcessesNamingDirectory());
        Assert.False(File.Exists(sandbox.Paths.StateFile));
    }

    [Fact]
    public async Task UpTwiceReportsTheRunningClusterAndStartsNoOther()
    {
        await using var sandbox = new LocalClusterSandbox();
        var first = await sandbox.RunJsonAsync("up", "--silos", "1");

        var (code, stdout, stderr) = await sandbox.RunAsync("up", "--silos", "1");

        Assert.True(code == ExitCodes.Success, stderr);
        Assert.Contains($"a local cluster is already running (pid {first["pid"]!.GetValue<int>()})", stderr, StringComparison.Ordinal);
        Assert.Contains("running, pid", stdout, StringComparison.Ordinal);
        Assert.Equal([first["pid"]!.GetValue<int>()], sandbox.ProcessesNamingDirectory());
    }

    [Fact]
    public async Task AStaleStateFileIsIgnoredWithOneNoteAndRemovedByDown()
    {
        await using var sandbox = new LocalClusterSandbox();
        var gateway = FreePort();
        LocalClusterStateFile.Write(sandbox.Paths, new LocalClusterState(
            LocalClusterState.CurrentFormat,
            Environment.ProcessId,
            ProcessStartTicks: 1, // this test's own PID with another start time: a process that is gone, its PID reused
            "serialcluster-up",
            "serialcluster",
            [new LocalSiloEndpoint("silo-0", FreePort(), gateway)],
            Redis: null,
            MetricsUrl: null,
            DateTimeOffset.UtcNow,
            sandbox.Paths.LogFile,
            "test"));

        var (code, _, stderr) = await sandbox.RunAsync("run", "hashchain", "--set", "steps=10", "--silos", "1", "--json");

        Assert.True(code == ExitCodes.Success, stderr);
        Assert.Single(stderr.Split('\n'), l => l.Contains("note: ignoring the stale local cluster state", StringComparison.Ordinal));
        Assert.Contains("embedded cluster", stderr, StringComparison.Ordinal);
        Assert.Equal("stale", (await sandbox.RunJsonAsync("status"))["state"]!.GetValue<string>());
        var (downCode, downOut, _) = await sandbox.RunAsync("down");
        Assert.Equal(ExitCodes.Success, downCode);
        Assert.Contains("no local cluster is running (removed the stale state", downOut, StringComparison.Ordinal);
        Assert.False(File.Exists(sandbox.Paths.StateFile));
    }

    [Fact]
    public async Task DownWithNothingRunningSaysSoAndSucceeds()
    {
        await using var sandbox = new LocalClusterSandbox();

        var (code, stdout, _) = await sandbox.RunAsync("down");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal("no local cluster is running", stdout.Trim());
        Assert.False((await sandbox.RunJsonAsync("status"))["running"]!.GetValue<bool>());
    }

    [Fact]
    public async Task UpOnAGatewayPortInUseNamesThePortAndTheLogAndLeavesNothingRunning()
    {
        await using var sandbox = new LocalClusterSandbox();
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var portText = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (code, _, stderr) = await sandbox.RunAsync("up", "--silos", "1", "--gateway-port", portText);

        Assert.True(code == ExitCodes.LocalClusterFailed, $"exit {code}: {stderr}");
        var error = Assert.Single(stderr.Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains($"port {port} (--gateway-port {port}: silo-0's gateway) is in use", error, StringComparison.Ordinal);
        Assert.Contains($"(log: {sandbox.Paths.LogFile})", error, StringComparison.Ordinal);
        Assert.Empty(sandbox.ProcessesNamingDirectory());
        Assert.False(File.Exists(sandbox.Paths.StateFile));
    }

    [Fact]
    public async Task UpWhoseSilosFailToStartReportsTheCauseAndTheLogAndLeavesNothingRunning()
    {
        await using var sandbox = new LocalClusterSandbox();
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        // The silos start, then the first cannot serve its metrics: the host stops them and exits, as any silo failure does.
        var (code, _, stderr) = await sandbox.RunAsync("up", "--silos", "1", "--metrics-port", port);

        Assert.True(code == ExitCodes.LocalClusterFailed, $"exit {code}: {stderr}");
        var error = Assert.Single(stderr.Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains($"the local cluster did not start: --metrics-port {port}: 127.0.0.1:{port} could not be opened", error, StringComparison.Ordinal);
        Assert.Contains($"(log: {sandbox.Paths.LogFile})", error, StringComparison.Ordinal);
        Assert.Contains("could not be opened", await File.ReadAllTextAsync(sandbox.Paths.LogFile), StringComparison.Ordinal);
        Assert.Empty(sandbox.ProcessesNamingDirectory());
        Assert.False(File.Exists(sandbox.Paths.StateFile));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
