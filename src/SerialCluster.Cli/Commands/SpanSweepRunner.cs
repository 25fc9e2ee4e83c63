using System.Globalization;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Cli.Jobs;
using SerialCluster.Cli.Output;
using SerialCluster.Cli.Reports;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Cli.Commands;

/// <summary>
/// <c>sweep --size</c>: the job at each input size (every plan compiled first, so a bad size fails before any job runs),
/// <c>--repeat</c> runs each at one P, results checked run against run; the span's slope against the size follows.
/// </summary>
public static class SpanSweepRunner
{
    /// <summary>Compiles the plan at every size: the base parameters with each swept parameter's i-th value.</summary>
    public static List<(Dictionary<string, string> Sizes, WorkloadPlan Plan)> Plans(
        Workload workload, IReadOnlyDictionary<string, string> raw, IReadOnlyList<(string Name, IReadOnlyList<string> Values)> sizes)
    {
        var plans = new List<(Dictionary<string, string>, WorkloadPlan)>();
        for (var i = 0; i < sizes[0].Values.Count; i++)
        {
            var parameters = new Dictionary<string, string>(raw, StringComparer.Ordinal);
            foreach (var (name, values) in sizes)
            {
                parameters[name] = values[i];
            }

            var plan = workload.Plan(parameters);
            plans.Add((sizes.ToDictionary(s => s.Name, s => plan.Parameters.Canonical[s.Name], StringComparer.Ordinal), plan));
        }

        return plans;
    }

    public static async Task<SpanSweepResult> RunAsync(
        JobRunner runner, Workload workload, IReadOnlyDictionary<string, string> raw, SweepSettings settings, string cluster, int cores,
        Action<string> say, CancellationToken cancellationToken)
    {
        var sizes = settings.ParsedSizes;
        var plans = Plans(workload, raw, sizes);
        var p = settings.SizeParallelism;
        var mode = settings.ParsedMode;
        say(
            $"sweeping {workload.Name}'s span against {string.Join(" and ", sizes.Select(s => s.Name))} = " +
            $"{string.Join("; ", sizes.Select(s => string.Join(", ", s.Values)))}, {mode.ToString().ToLowerInvariant()} at P = {p}, {settings.Repeat} run(s) " +
            $"each");
        var rows = new List<SpanSweepRow>();
        var progress = new SweepProgress(plans.Count * (settings.Warmup + settings.Repeat));
        try
        {
            await RunSizesAsync(runner, workload, plans, settings, say, progress, rows, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            say($"sweep cancelled after {progress.Done} of {progress.Total} jobs; sizes measured in full: " +
                (rows.Count == 0 ? "none" : string.Join("; ", rows.Select(r => $"{Describe(r.Sizes)} (median span {r.SpanSeconds:F4} s)"))));
            throw;
        }

        var baseParameters = new Dictionary<string, string>(plans[0].Plan.Parameters.Canonical, StringComparer.Ordinal);
        foreach (var (name, _) in sizes)
        {
            baseParameters.Remove(name);
        }

        return new SpanSweepResult(
            workload.Name, baseParameters, [.. sizes.Select(s => s.Name)], mode.ToString().ToLowerInvariant(), p, cluster, cores, plans[0].Plan.Unit, rows);
    }

    private static async Task RunSizesAsync(
        JobRunner runner, Workload workload, List<(Dictionary<string, string> Sizes, WorkloadPlan Plan)> plans, SweepSettings settings,
        Action<string> say, SweepProgress progress, List<SpanSweepRow> rows, CancellationToken cancellationToken)
    {
        var sizes = settings.ParsedSizes;
        var (p, mode) = (settings.SizeParallelism, settings.ParsedMode);
        foreach (var (sized, plan) in plans)
        {
            var spec = new JobSpec(workload.Name, new Dictionary<string, string>(plan.Parameters.Canonical, StringComparer.Ordinal), mode, p);
            var runs = new List<JobStatus>();
            string? first = null;
            for (var round = 0; round < settings.Warmup + settings.Repeat; round++)
            {
                var status = await runner.RunAsync(spec, (_, _, _) => { }, cancellationToken);
                if (status.State != JobState.Completed || status.Profile is null)
                {
                    throw new CliException(ExitCodes.JobFailed, $"job {status.JobId} ({Describe(sized)}) failed: {status.Error}");
                }

                first ??= status.ResultJson;
                if (status.ResultJson != first)
                {
                    throw new CliException(
                        ExitCodes.JobFailed,
                        $"job {status.JobId} ({Describe(sized)}) gave a different result from the first run: {status.ResultJson} vs {first}");
                }

                if (round >= settings.Warmup)
                {
                    runs.Add(status);
                }

                say(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"{progress.Step()} sweep {workload.Name}: {Describe(sized)}: span {status.Profile.SpanSeconds:F4} s, " +
                        $"wall {status.Profile.WallSeconds:F3} s{(round < settings.Warmup ? " (warm-up)" : string.Empty)}"));
            }

            var size = double.Parse(sized[sizes[0].Name], NumberStyles.Float, CultureInfo.InvariantCulture);
            rows.Add(new SpanSweepRow(sized, size, plan.Work, plan.Span, runs));
        }
    }

    private static string Describe(IReadOnlyDictionary<string, string> sizes) => string.Join(" ", sizes.Select(s => $"{s.Key}={s.Value}"));
}
