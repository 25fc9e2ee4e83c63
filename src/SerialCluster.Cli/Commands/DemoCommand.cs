using System.Globalization;
using System.Text.Json.Nodes;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Analysis.Caveats;
using SerialCluster.Cli.Cluster;
using SerialCluster.Cli.Jobs;
using SerialCluster.Cli.Output;
using SerialCluster.Cli.Reports;
using SerialCluster.Workloads.Plans;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SerialCluster.Cli.Commands;

/// <summary>
/// <c>serialcluster demo</c>: the whole idea in one table. A serial workload (hashchain) and a parallel one
/// (montecarlo), sized to the same single-core time on this machine, each run pinned (the best single-core run, the
/// baseline of absolute speedup), then scattered at P = 1 and at every core.
/// </summary>
public sealed class DemoCommand(ConsoleStreams console) : AsyncCommand<DemoSettings>
{
    private const long ProbeSteps = 200_000;
    private const long ProbeSamples = 20_000_000;
    private const int TasksPerCore = 8;

    public override async Task<int> ExecuteAsync(CommandContext context, DemoSettings settings, CancellationToken cancellationToken)
    {
        await using var connection = await ClusterConnection.OpenAsync(settings, console.Say, cancellationToken);
        var runner = new JobRunner(connection.Client);
        var machineCores = await ClusterCores.CountAsync(connection.Client, cancellationToken);

        console.Say($"calibrating on the {connection.Description}: measuring each kernel's single-core rate…");
        // Each probe twice, the faster kept: a kernel's first run is JIT-compiled code at its first tier, and sized from it
        // montecarlo came out 1.7× shorter than the chain.
        var chainSeconds = double.PositiveInfinity;
        var mcSeconds = double.PositiveInfinity;
        var cores = 1;
        for (var look = 0; look < 2; look++)
        {
            var chainProbe = await RunAsync(runner, "hashchain", new() { ["steps"] = Text(ProbeSteps) }, 1, "probe hashchain", cancellationToken);
            var mcProbe = await RunAsync(
                runner,
                "montecarlo",
                new() { ["samples"] = Text(ProbeSamples), ["tasks"] = "1" },
                settings.Parallelism,
                "probe montecarlo",
                cancellationToken);
            chainSeconds = Math.Min(chainSeconds, chainProbe.Profile!.WorkSeconds);
            mcSeconds = Math.Min(mcSeconds, mcProbe.Profile!.WorkSeconds);
            cores = mcProbe.Profile.ParallelismCap;
        }

        var steps = Math.Max(1000, (long)(settings.Seconds * ProbeSteps / chainSeconds));
        var samples = Math.Max(1_000_000, (long)(settings.Seconds * ProbeSamples / mcSeconds));
        var tasks = Math.Max(1, TasksPerCore * cores);
        console.Say(
            $"sized for T(1) ≈ {settings.Seconds:F1} s each: hashchain steps={steps:N0}, montecarlo samples={samples:N0} in {tasks} tasks; P = 1 and P = " +
            $"{cores}");

        var loadWatch = await LoadWatch.StartAsync(connection.Client, console, cancellationToken);
        var rows = new List<DemoRow>();
        foreach (var (workload, parameters) in new (string, Dictionary<string, string>)[]
        {
            ("hashchain", new() { ["steps"] = Text(steps) }),
            ("montecarlo", new() { ["samples"] = Text(samples), ["tasks"] = Text(tasks) }),
        })
        {
            var serial = new List<JobProfile>();
            var one = new List<JobProfile>();
            var all = new List<JobProfile>();
            for (var round = 1; round <= settings.Repeat; round++)
            {
                var suffix = settings.Repeat > 1 ? $" ({round}/{settings.Repeat})" : string.Empty;
                var runs = new[]
                {
                    await RunAsync(runner, workload, parameters, 1, $"{workload} pinned{suffix}", cancellationToken, JobMode.Pinned),
                    await RunAsync(runner, workload, parameters, 1, $"{workload} P=1{suffix}", cancellationToken),
                    await RunAsync(runner, workload, parameters, cores, $"{workload} P={cores}{suffix}", cancellationToken),
                };
                if (runs.Select(r => r.ResultJson).Distinct(StringComparer.Ordinal).Count() > 1)
                {
                    throw new CliException(
                        ExitCodes.JobFailed,
                        $"{workload} gave different results pinned, at P=1 and at P={cores}: {string.Join(" vs ", runs.Select(r => r.ResultJson))}");
                }

                serial.Add(runs[0].Profile!);
                one.Add(runs[1].Profile!);
                all.Add(runs[2].Profile!);
            }

            var plan = WorkloadCatalog.Get(workload).Plan(parameters);
            rows.Add(new DemoRow(workload, plan, new DemoTimes(serial), new DemoTimes(one), new DemoTimes(all), cores, machineCores));
        }

        var load = await loadWatch.StopAsync(cancellationToken);
        if (settings.Json)
        {
            console.Out.Profile.Out.Writer.WriteLine(JobDocument.Serialize(new JsonObject
            {
                ["cluster"] = connection.Description,
                ["machineCores"] = machineCores,
                ["parallelism"] = cores,
                ["repeat"] = settings.Repeat,
                ["load"] = LoadDocument.Build(load),
                ["rows"] = new JsonArray([.. rows.Select(r => r.ToJson(load))]),
            }));
        }
        else
        {
            Write(rows, cores, machineCores, settings.Repeat, load);
        }

        return ExitCodes.Success;
    }

    private void Write(IReadOnlyList<DemoRow> rows, int cores, int machineCores, int repeat, LoadDuringRun load)
    {
        var table = new TerminalTable()
            .AddColumn("workload").AddColumn("work", rightAligned: true).AddColumn("span", rightAligned: true)
            .AddColumn("parallelism", rightAligned: true).AddColumn("T_serial", rightAligned: true).AddColumn("T(1)", rightAligned: true)
            .AddColumn($"T({cores})", rightAligned: true).AddColumn("speedup", rightAligned: true)
            .AddColumn("relative", rightAligned: true).AddColumn("bound", rightAligned: true);
        foreach (var row in rows)
        {
            table.AddRow(
                Markup.Escape(row.Workload),
                Markup.Escape($"{row.Plan.Work:N0}"),
                Markup.Escape($"{row.Plan.Span:N0}"),
                ProfileView.Number(row.PlanParallelism, "F1"),
                Markup.Escape(row.Serial.Describe()),
                Markup.Escape(row.One.Describe()),
                Markup.Escape(row.All.Describe()),
                ProfileView.Number(row.Speedup, "F2") + "×",
                ProfileView.Number(row.Relative, "F2") + "×",
                ProfileView.Number(row.Bound, "F2") + "×");
        }

        table.Write(console.Out);
        foreach (var row in rows)
        {
            console.Out.MarkupLineInterpolated($"[bold]{row.Workload}[/]: {row.Verdict(load)}");
        }

        var spread = repeat > 1 ? $"times are medians of {repeat} runs with their spread ±(max − min)/2 (--repeat); " : string.Empty;
        console.Out.MarkupLine(Markup.Escape(
            $"{spread}work and span are in each workload's unit (SHA-256 steps; samples); parallelism = work/span; bound = the most speedup the plan " +
            $"allows on {cores} cores; T_serial = the job pinned (whole chain, one core); speedup = T_serial/T({cores}), absolute; relative = " +
            $"T(1)/T({cores}) of the scattered job (scalability, not speedup); measured on {machineCores} cores; {load.Describe()}."));
        console.Out.MarkupLine(Markup.Escape(
            "next: `serialcluster contrast` runs the paper's paired controls side by side (Rule 110 vs Rule 90, fold vs tree, a secret vs parallelism, …); " +
            "docs/PAPER.md maps each claim to its command."));
    }

    private async Task<JobStatus> RunAsync(
        JobRunner runner, string workload, Dictionary<string, string> parameters, int parallelism, string label, CancellationToken cancellationToken,
        JobMode mode = JobMode.Scatter)
    {
        var spec = new JobSpec(workload, parameters, mode, parallelism);
        var status = await ProgressDisplay.ShowAsync(console, label, progress => runner.RunAsync(spec, progress, cancellationToken));
        return status.State == JobState.Completed
            ? status
            : throw new CliException(ExitCodes.JobFailed, $"{label} failed: {status.Error}");
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
