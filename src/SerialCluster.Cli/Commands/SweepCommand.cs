using System.Globalization;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Analysis.Caveats;
using SerialCluster.Cli.Cluster;
using SerialCluster.Cli.Jobs;
using SerialCluster.Cli.Output;
using SerialCluster.Cli.Reports;
using SerialCluster.CostModel.Cores;
using SerialCluster.Workloads.Plans;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SerialCluster.Cli.Commands;

/// <summary>
/// <c>serialcluster sweep</c>: the same job k times at each P, rounds interleaved across P so load drift spreads evenly,
/// every result checked equal; each round starts with the job pinned (absolute speedup) and, with the capacity control
/// on, measures what the busy cores delivered beside each run. <c>--size</c> sweeps span against input size instead.
/// </summary>
public sealed class SweepCommand(ConsoleStreams console, Invocation invocation) : AsyncCommand<SweepSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SweepSettings settings, CancellationToken cancellationToken)
    {
        var workload = WorkloadCatalog.Get(settings.Workload);
        if (settings.Size.Length > 0)
        {
            var raw = ParameterArguments.Parse(workload, settings.Set);
            return await new SpanSweepCommand(console, invocation).RunAsync(workload, raw, settings, cancellationToken);
        }

        var (_, plan) = ParameterArguments.ParseAndPlan(workload, settings.Set);
        var parameters = new Dictionary<string, string>(plan.Parameters.Canonical, StringComparer.Ordinal);
        var ps = settings.ParsedParallelism;

        await using var connection = await ClusterConnection.OpenAsync(settings, console.Say, cancellationToken);
        // On a cluster of equal slow silos (CPU quotas) P counts silos: up to their number it is real, not saturation.
        var unit = await ClusterCores.UnitAsync(connection.Client, cancellationToken);
        var cores = unit.Count;
        var mode = settings.ParsedMode.ToString().ToLowerInvariant();
        console.Say(
            $"sweeping {workload.Name} ({mode}) at P = {string.Join(", ", ps)}, {settings.Repeat} run(s) each, on the {connection.Description} ({cores} " +
            $"{unit.Noun})");
        if (unit.IsSilo)
        {
            console.Say($"{unit.Describe()}; the serial baseline is the job pinned on one such silo");
        }

        if (ps.Any(p => p > cores))
        {
            console.Say(
                $"note: P = {string.Join(", ", ps.Where(p => p > cores))} exceed the {cores} {unit.Noun}: those points will show saturation, not parallel " +
                "speedup");
        }

        var loadWatch = await LoadWatch.StartAsync(connection.Client, console, cancellationToken);
        var runner = new JobRunner(connection.Client);
        var runs = new List<SweepRun>();
        var serialRuns = new List<SweepRun>();
        // A pinned sweep is its own baseline; otherwise each round measures the pinned job beside the swept mode.
        var baseline = settings.BaselineOn && settings.ParsedMode != JobMode.Pinned;
        var total = ps.Count * settings.Repeat;
        string? firstResult = null;
        var control = settings.CapacityControlOn ? new SweepCapacityControl(runner, workload.Name, line => console.Error.WriteLine(line)) : null;
        // The control is sized on the first measured P = 1 job (warm, unlike the first warm-up job, which carries the JIT).
        var firstAtOne = double.NaN;
        if (control is not null)
        {
            console.Say(
                $"capacity control on: after each job at P ≤ {cores}, {SweepControl.Kernel}, to measure what P busy cores deliver (--capacity-control off to " +
                $"skip)");
        }

        if (baseline)
        {
            console.Say(
                "serial baseline on: each round also runs the job pinned (whole chain, one core): speedup is T_serial/T(P) (--baseline none for relative " +
                "only)");
        }

        if (settings.Warmup > 0)
        {
            var warmJobs = new List<JobSpec> { new(workload.Name, parameters, settings.ParsedMode, ps.Max()) };
            if (control is not null && workload.Name != SweepCapacityControl.ControlWorkload)
            {
                warmJobs.Add(SweepCapacityControl.WarmUpJob(Math.Min(ps.Max(), cores)));
            }

            var warmed = await SweepSiloWarmup.RunAsync(connection.Client, warmJobs, line => console.Error.WriteLine(line), cancellationToken);
            console.Say($"warm-up: each of the {warmed} silos coordinated the job once at P = {ps.Max()} (not measured)");
        }

        var jobsPerRound = ps.Count + (baseline ? 1 : 0);
        var controls = control is null ? 0 : settings.Repeat * ps.Count(p => p <= cores);
        var progress = new SweepProgress(((settings.Warmup + settings.Repeat) * jobsPerRound) + controls);
        var completedRounds = 0;
        try
        {
            for (var round = 1; round <= settings.Warmup; round++)
            {
                if (baseline)
                {
                    var pinned = await runner.RunAsync(new JobSpec(workload.Name, parameters, JobMode.Pinned, 1), (_, _, _) => { }, cancellationToken);
                    if (pinned.State != JobState.Completed)
                    {
                        throw new CliException(ExitCodes.JobFailed, $"warm-up pinned job {pinned.JobId} failed: {pinned.Error}");
                    }

                    firstResult ??= pinned.ResultJson;
                    console.Error.WriteLine($"{progress.Step()} sweep {workload.Name}: warm-up pinned: not measured");
                }

                foreach (var p in ps)
                {
                    var status = await runner.RunAsync(new JobSpec(workload.Name, parameters, settings.ParsedMode, p), (_, _, _) => { }, cancellationToken);
                    if (status.State != JobState.Completed)
                    {
                        throw new CliException(ExitCodes.JobFailed, $"warm-up job {status.JobId} (P={p}) failed: {status.Error}");
                    }

                    firstResult ??= status.ResultJson;
                    console.Error.WriteLine(string.Create(
                        CultureInfo.InvariantCulture,
                        $"{progress.Step()} sweep {workload.Name}: warm-up P={p}: {status.Profile?.WallSeconds ?? double.NaN:F3} s " +
                        $"({status.State.ToString().ToLowerInvariant()}, not measured)"));
                }
            }

            for (var repeat = 1; repeat <= settings.Repeat; repeat++)
            {
                if (baseline)
                {
                    var pinned = await runner.RunAsync(new JobSpec(workload.Name, parameters, JobMode.Pinned, 1), (_, _, _) => { }, cancellationToken);
                    if (pinned.State != JobState.Completed || pinned.Profile is null)
                    {
                        throw new CliException(ExitCodes.JobFailed, $"pinned baseline job {pinned.JobId} (run {repeat}) failed: {pinned.Error}");
                    }

                    firstResult ??= pinned.ResultJson;
                    if (pinned.ResultJson != firstResult)
                    {
                        throw new CliException(
                            ExitCodes.JobFailed,
                            $"pinned job {pinned.JobId} gave a different result from the first run: {pinned.ResultJson} vs {firstResult}");
                    }

                    serialRuns.Add(new SweepRun(1, repeat, pinned.Profile.WallSeconds, pinned));
                    console.Error.WriteLine(string.Create(
                        CultureInfo.InvariantCulture,
                        $"{progress.Step()} sweep {workload.Name}: repeat {repeat}: pinned (serial baseline): {pinned.Profile.WallSeconds:F3} s " +
                        $"({pinned.JobId})"));
                }

                foreach (var p in ps)
                {
                    var status = await runner.RunAsync(new JobSpec(workload.Name, parameters, settings.ParsedMode, p), (_, _, _) => { }, cancellationToken);
                    if (status.State != JobState.Completed || status.Profile is null)
                    {
                        throw new CliException(ExitCodes.JobFailed, $"job {status.JobId} (P={p}, run {repeat}) failed: {status.Error}");
                    }

                    firstResult ??= status.ResultJson;
                    if (status.ResultJson != firstResult)
                    {
                        throw new CliException(
                            ExitCodes.JobFailed,
                            $"job {status.JobId} (P={p}) gave a different result from the first run: {status.ResultJson} vs {firstResult}");
                    }

                    runs.Add(new SweepRun(p, repeat, status.Profile.WallSeconds, status));
                    console.Error.WriteLine(string.Create(
                        CultureInfo.InvariantCulture,
                        $"{progress.Step()} sweep {workload.Name}: run {runs.Count}/{total}: P={p} repeat {repeat}: {status.Profile.WallSeconds:F3} s " +
                        $"({status.JobId})"));
                    if (p == 1 && double.IsNaN(firstAtOne))
                    {
                        firstAtOne = status.Profile.WallSeconds;
                    }

                    if (control is not null && p <= cores)
                    {
                        await control.RunAsync(p, repeat, firstAtOne, cancellationToken);
                        console.Error.WriteLine($"{progress.Step()} sweep {workload.Name}: capacity control P={p} repeat {repeat} done");
                    }
                }

                completedRounds = repeat;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            WritePartial(connection.Description, unit, workload.Name, parameters, mode, settings, runs, serialRuns, control, completedRounds, progress);
            throw;
        }

        var load = await loadWatch.StopAsync(cancellationToken);
        var sweep = Build(workload.Name, parameters, mode, connection.Description, unit, settings, runs, serialRuns, control, settings.Repeat, load);
        await PublishAsync(connection.Client, sweep, cancellationToken);
        Write(sweep, settings);
        return ExitCodes.Success;
    }

    private static SweepResult Build(
        string workload, Dictionary<string, string> parameters, string mode, string cluster, ProcessorUnit unit, SweepSettings settings, List<SweepRun> runs,
        List<SweepRun> serialRuns, SweepCapacityControl? control, int rounds, LoadDuringRun? load = null)
    {
        var serial = settings.ParsedMode == JobMode.Pinned && settings.BaselineOn ? runs.Where(r => r.P == 1).ToList() : serialRuns;
        return SweepResult.Build(workload, parameters, mode, cluster, unit.Count, rounds, runs, control?.Result, serial, load, unit);
    }

    private void Write(SweepResult sweep, SweepSettings settings)
    {
        if (settings.Csv is { } csv)
        {
            OutputPath.Write(csv, "--csv", SweepOutput.Csv(sweep));
            console.Say($"wrote {csv}{(sweep.Partial ? " (partial)" : string.Empty)}");
        }

        if (settings.Html is { } html)
        {
            SweepOutput.Html(sweep).WithProvenance(Provenance.Of(invocation, sweep.Cores, sweep.Load)).Save(html, "--html");
            console.Say($"wrote {html}{(sweep.Partial ? " (partial)" : string.Empty)}");
        }

        if (settings.Json)
        {
            console.Out.Profile.Out.Writer.WriteLine(JobDocument.Serialize(SweepOutput.Json(sweep)));
        }
        else
        {
            SweepOutput.Terminal(console.Out, sweep, settings.Wide);
        }
    }

    /// <summary>
    /// Ctrl+C mid-sweep: every measured run is printed, and the complete rounds so far (each P, and the pinned baseline,
    /// measured once in every one of them) are analysed and written like a finished sweep, labelled partial.
    /// </summary>
    private void WritePartial(
        string cluster, ProcessorUnit unit, string workload, Dictionary<string, string> parameters, string mode, SweepSettings settings, List<SweepRun> runs,
        List<SweepRun> serialRuns, SweepCapacityControl? control, int completedRounds, SweepProgress progress)
    {
        console.Say($"sweep cancelled after {progress.Done} of {progress.Total} jobs; measured so far:");
        foreach (var run in serialRuns.Select(r => (Label: "pinned", Run: r)).Concat(runs.Select(r => (Label: $"P={r.P}", Run: r))))
        {
            console.Say(string.Create(
                CultureInfo.InvariantCulture,
                $"  repeat {run.Run.Repeat} {run.Label}: {run.Run.Seconds:F3} s ({run.Run.Status.JobId})"));
        }

        if (completedRounds == 0)
        {
            console.Say("no complete round (every P measured once): nothing analysed or written");
            return;
        }

        var whole = runs.Where(r => r.Repeat <= completedRounds).ToList();
        var wholeSerial = serialRuns.Where(r => r.Repeat <= completedRounds).ToList();
        var sweep = Build(workload, parameters, mode, cluster, unit, settings, whole, wholeSerial, control, completedRounds) with { Partial = true };
        if (sweep.Control is { } measured)
        {
            sweep = sweep with { Control = measured with { Runs = [.. measured.Runs.Where(r => r.Run.Repeat <= completedRounds)] } };
        }

        console.Say($"partial: {completedRounds} of {settings.Repeat} round(s) complete; analysed and written below as a partial sweep");
        Write(sweep, settings);
    }

    /// <summary>
    /// Feeds the sweep's conclusion to the cluster's last-job gauges (Grafana's Amdahl row): the speedup at the largest
    /// P within the cores, the plan's parallelism, the fitted Amdahl f (on ideal cores, and on measured cores when the
    /// capacity control ran: <see cref="ScalingAnalysis.CapacityAdjustedSerialFraction"/>) and the work–span bound at that P. A cluster
    /// that cannot take it costs the user nothing but a line on stderr.
    /// </summary>
    private async Task PublishAsync(IClusterClient client, SweepResult sweep, CancellationToken cancellationToken)
    {
        var analysis = sweep.Analysis;
        var point = analysis.Points.Where(p => !p.Saturated).MaxBy(p => p.P) ?? analysis.Points.MaxBy(p => p.P);
        if (point is null)
        {
            return;
        }

        var bound = analysis.Bounds.FirstOrDefault(b => b.P == point.P)?.SpanSpeedup ?? double.NaN;
        try
        {
            var silo = await client.GetGrain<ITelemetryGrain>(sweep.Workload)
                .PublishSweepAsync(
                    sweep.Workload, point.Speedup, analysis.WorkSpan?.Parallelism ?? double.NaN, analysis.Amdahl?.SerialFraction.Value ?? double.NaN, bound,
                    analysis.CapacityAdjustedSerialFraction)
                .WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            console.Say($"published the sweep's figures to the last-job gauges on {silo}");
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or ArgumentException)
        {
            console.Say($"the sweep's figures were not published to the cluster's metrics: {e.Message}");
        }
    }
}
