using System.Diagnostics;
using SerialCluster.Cli.Bench;
using SerialCluster.Cli.Cluster;
using SerialCluster.Cli.Output;
using SerialCluster.Cli.Reports;
using Spectre.Console.Cli;

namespace SerialCluster.Cli.Commands;

/// <summary>
/// <c>serialcluster bench</c>: every target of the performance issue measured side by side in one run, on an
/// embedded cluster in this process (the bare loops it is compared with run in the same process), printed as one
/// table with the machine and its load before and after.
/// </summary>
public sealed class BenchCommand(ConsoleStreams console) : AsyncCommand<BenchSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, BenchSettings settings, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var loadBefore = MachineInfo.LoadAverage();
        var machine = MachineInfo.Describe();
        console.Say($"bench on {machine}; load average {loadBefore}");
        var sizes = settings.Quick ? BenchSizes.Quick : BenchSizes.Full;
        var targets = settings.SelectedTargets;
        // A client through the silos' gateways, as a client of a running cluster has: the jobs' client-side walls include that hop.
        var layout = new EmbeddedClusterLayout(settings.Silos) { ClientThroughGateways = true };
        await using var connection = await ClusterConnection.OpenEmbeddedAsync(layout, settings.Verbose, console.Say, cancellationToken);
        var loadWatch = await LoadWatch.StartAsync(connection.Client, console, cancellationToken);
        var bench = new BenchContext(connection.Client, connection.Embedded!, sizes, console.Say, cancellationToken);
        var sections = new List<BenchSection>();
        if (targets.Contains(4))
        {
            sections.Add(await HopBench.RunAsync(bench)); // first: the cluster is quiet right after calibration
        }

        if (targets.Contains(1))
        {
            var (overhead, rates) = await SerialOverheadBench.RunAsync(bench);
            sections.Add(overhead);
            if (targets.Contains(2))
            {
                sections.Add(KernelsVsCBench.Run(rates, settings.Baselines));
            }
        }

        if (targets.Contains(3))
        {
            var efficiency = await ParallelEfficiencyBench.RunAsync(bench);
            sections.Add(efficiency);
            if (targets.Contains(7))
            {
                sections.Add(await PeersBench.RunAsync(bench, efficiency.Data)); // right after target 3, the figures it is set beside
            }
        }

        if (targets.Contains(5))
        {
            sections.Add(await ParableBench.RunAsync(bench));
        }

        if (targets.Contains(6))
        {
            sections.Add(await ScaleBench.RunAsync(bench));
        }

        if (targets.Contains(8))
        {
            sections.Add(await StartupBench.RunAsync(bench)); // last: its processes would disturb the others' measurements
        }

        var order = new[] { "1", "2", "3", "4", "5", "6", "7", "8" };
        sections = [.. sections.OrderBy(s => Array.IndexOf(order, s.Rows.FirstOrDefault()?.Target ?? "9"))];
        var load = await loadWatch.StopAsync(cancellationToken);
        var report = new BenchReport(
            started, clock.Elapsed.TotalSeconds, machine, loadBefore, MachineInfo.LoadAverage(), settings.Quick ? "quick" : "full",
            connection.Description, sections, load);
        var markdown = report.ToMarkdown();
        if (settings.Report is { } path)
        {
            OutputPath.Write(path, "--report", markdown);
        }

        if (settings.Json)
        {
            await console.Out.Profile.Out.Writer.WriteLineAsync(JobDocument.Serialize(report.ToJson()));
        }
        else
        {
            await console.Out.Profile.Out.Writer.WriteAsync(markdown);
        }

        return ExitCodes.Success;
    }
}
