using System.Diagnostics;
using System.Globalization;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Analysis.Scaling;
using SerialCluster.Analysis.Span;
using SerialCluster.Analysis.Statistics;
using SerialCluster.Cli.Jobs;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Cli.Contrast;

/// <summary>
/// Runs <c>contrast</c>: sizes each pair to the target single-core time on this cluster, then runs every side pinned (the
/// serial baseline) and scattered at each P, round by round, checking that every run of a side gives the same result;
/// then the span series at smaller sizes. Every plan is compiled before any job runs, so a bad pair fails at once.
/// </summary>
public sealed class ContrastRunner(JobRunner runner, Action<string> say, IReadOnlyList<int> parallelisms, int repeat)
{
    /// <summary>A probe shorter than this is grown tenfold before it is trusted to size a side.</summary>
    public const double ShortestProbeSeconds = 0.2;

    private readonly Dictionary<(ContrastSide Side, long Size), WorkloadPlan> _plans = [];

    public async Task<(IReadOnlyList<ContrastPairResult> Pairs, IReadOnlyList<ContrastSpanResult> Spans)> RunAsync(
        IReadOnlyList<ContrastPair> pairs, double seconds, IReadOnlyList<ContrastSpanSeries> series, CancellationToken cancellationToken)
    {
        foreach (var pair in pairs)
        {
            foreach (var side in pair.Sides)
            {
                Compile(pair, side, (side.Sizing ?? pair.Sizing).Probe);
            }
        }

        var results = new List<ContrastPairResult>();
        foreach (var pair in pairs)
        {
            var stopwatch = Stopwatch.StartNew();
            var shared = await SizeAsync(pair, pair.Sides[0], pair.Sizing, seconds, cancellationToken);
            var sides = new List<ContrastSideResult>();
            foreach (var side in pair.Sides)
            {
                var size = side.Sizing is null ? shared : ReferenceEquals(side, pair.Sides[0]) ? shared : await SizeAsync(
                    pair, side, side.Sizing, seconds, cancellationToken);
                sides.Add(await MeasureAsync(pair, side, size, cancellationToken));
            }

            results.Add(new ContrastPairResult(pair, sides));
            say(string.Create(CultureInfo.InvariantCulture, $"contrast {pair.Id}: done in {stopwatch.Elapsed.TotalSeconds:F1} s"));
        }

        var spans = new List<ContrastSpanResult>();
        foreach (var s in series)
        {
            if (results.FirstOrDefault(r => r.Pair.Id == s.PairId) is { } pairResult)
            {
                spans.Add(await SpanAsync(pairResult, s, cancellationToken));
            }
        }

        return (results, spans);
    }

    private async Task<long> SizeAsync(ContrastPair pair, ContrastSide side, ContrastSizing sizing, double seconds, CancellationToken cancellationToken)
    {
        if (sizing.IsFixed)
        {
            return sizing.Min;
        }

        // Two looks at each probe size, the faster kept: a job's first run pays activations and JIT, and the machine's
        // other load comes and goes; a probe too short to time (fixed costs dominate) grows tenfold.
        var size = sizing.Probe;
        var t = await ProbeAsync(pair, side, size, cancellationToken);
        while (t < ShortestProbeSeconds && size < sizing.Max)
        {
            size = Math.Min(sizing.Max, size * 10);
            t = await ProbeAsync(pair, side, size, cancellationToken);
        }

        var target = (long)Math.Clamp(Math.Round(size * seconds / Math.Max(t, 1e-6)), sizing.Min, sizing.Max);
        // Limits beyond the size parameter's own range (work caps, stage counts) shrink the size until it compiles.
        for (var tries = 0; tries < 40 && !Compiles(pair, side, target); tries++)
        {
            target = Math.Max(sizing.Min, target / 2);
        }

        say(
            string.Create(
                CultureInfo.InvariantCulture,
                $"contrast {pair.Id}: {side.Label}: {side.SizeName ?? pair.SizeName} = {size:N0} took {t:F3} s pinned; sized to {target:N0} for ≈ " +
                $"{seconds:F1} s"));
        return target;
    }

    private async Task<double> ProbeAsync(ContrastPair pair, ContrastSide side, long size, CancellationToken cancellationToken) =>
        Math.Min(await PinnedSecondsAsync(pair, side, size, cancellationToken), await PinnedSecondsAsync(pair, side, size, cancellationToken));

    private async Task<double> PinnedSecondsAsync(ContrastPair pair, ContrastSide side, long size, CancellationToken cancellationToken)
    {
        var status = await RunAsync(pair, side, size, JobMode.Pinned, 1, cancellationToken);
        return status.Profile!.WallSeconds;
    }

    private async Task<ContrastSideResult> MeasureAsync(ContrastPair pair, ContrastSide side, long size, CancellationToken cancellationToken)
    {
        var plan = Compile(pair, side, size);
        var pinned = new List<JobStatus>();
        var scattered = parallelisms.ToDictionary(p => p, _ => new List<JobStatus>());
        string? first = null;
        for (var round = 1; round <= repeat; round++)
        {
            var serial = await RunAsync(pair, side, size, JobMode.Pinned, 1, cancellationToken);
            first ??= serial.ResultJson ?? string.Empty;
            Check(pair, side, serial, first);
            pinned.Add(serial);
            foreach (var p in parallelisms)
            {
                var status = await RunAsync(pair, side, size, JobMode.Scatter, p, cancellationToken);
                Check(pair, side, status, first);
                scattered[p].Add(status);
            }

            var times = string.Join(
                "; ",
                parallelisms.Select(p => string.Create(CultureInfo.InvariantCulture, $"P={p} {scattered[p][^1].Profile!.WallSeconds:F3} s")));
            say(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"contrast {pair.Id}: {side.Label} round {round}: pinned {serial.Profile!.WallSeconds:F3} s; {times}"));
        }

        return new ContrastSideResult(
            side.Label,
            side.Workload,
            size,
            plan,
            pinned,
            scattered.ToDictionary(s => s.Key, s => (IReadOnlyList<JobStatus>)s.Value));
    }

    private async Task<ContrastSpanResult> SpanAsync(ContrastPairResult pairResult, ContrastSpanSeries series, CancellationToken cancellationToken)
    {
        var pair = pairResult.Pair;
        var side = pair.Sides[series.Side];
        var measured = pairResult.Sides[series.Side];
        var sizing = side.Sizing ?? pair.Sizing;
        var p = parallelisms.Max();
        var points = new List<SpanPoint>();
        foreach (var divisor in series.Divisors.OrderByDescending(d => d))
        {
            // A size below the side's least is raised to it, once: a repeated point would bend the slope.
            var size = Math.Max(sizing.Min, measured.Size / divisor);
            if (size >= measured.Size || points.Any(p => p.Size == size) || !Compiles(pair, side, size))
            {
                continue;
            }

            var plan = Compile(pair, side, size);
            var runs = new List<JobStatus>();
            for (var round = 0; round < repeat; round++)
            {
                runs.Add(await RunAsync(pair, side, size, JobMode.Scatter, p, cancellationToken));
            }

            points.Add(new SpanPoint(size, plan.Work, plan.Span, Median(runs, r => r.SpanSeconds), Median(runs, r => r.WallSeconds)));
        }

        var full = measured.Scattered[p];
        points.Add(new SpanPoint(measured.Size, measured.Plan.Work, measured.Plan.Span, Median(full, r => r.SpanSeconds), Median(full, r => r.WallSeconds)));
        var scaling = SpanScaling.Fit(points);
        say($"contrast span: {pair.Id} {side.Label}: {scaling.Reading}");
        return new ContrastSpanResult(
            side.Label == side.Workload ? side.Label : $"{side.Workload} {side.Label}",
            side.Workload,
            side.SizeName ?? pair.SizeName,
            measured.Plan.Unit,
            scaling);
    }

    private async Task<JobStatus> RunAsync(ContrastPair pair, ContrastSide side, long size, JobMode mode, int p, CancellationToken cancellationToken)
    {
        var plan = Compile(pair, side, size);
        var spec = new JobSpec(side.Workload, new Dictionary<string, string>(plan.Parameters.Canonical, StringComparer.Ordinal), mode, p);
        var status = await runner.RunAsync(spec, (_, _, _) => { }, cancellationToken);
        return status.State == JobState.Completed && status.Profile is not null
            ? status
            : throw new CliException(
                ExitCodes.JobFailed,
                $"contrast {pair.Id}: {side.Label} ({mode.ToString().ToLowerInvariant()}, P={p}, {pair.SizeName}={size}) job {status.JobId} failed: " +
                $"{status.Error}");
    }

    private static void Check(ContrastPair pair, ContrastSide side, JobStatus status, string first)
    {
        if (status.ResultJson != first)
        {
            throw new CliException(
                ExitCodes.JobFailed,
                $"contrast {pair.Id}: {side.Label}: job {status.JobId} ({status.Profile?.ChosenMode}) gave a different result from the pinned run: " +
                $"{status.ResultJson} vs {first}");
        }
    }

    private WorkloadPlan Compile(ContrastPair pair, ContrastSide side, long size)
    {
        // Every job of a side at a size runs the same plan: compile it once (a generated circuit takes ~0.1 s per M gates).
        if (_plans.TryGetValue((side, size), out var known))
        {
            return known;
        }

        try
        {
            return _plans[(side, size)] = WorkloadCatalog.Get(side.Workload).Plan(side.At(size));
        }
        catch (InvalidParameterException e)
        {
            throw new CliException(ExitCodes.BadInput, $"contrast {pair.Id}: {side.Label} at {pair.SizeName} = {size:N0} is refused: {e.Message}", e);
        }
    }

    private bool Compiles(ContrastPair pair, ContrastSide side, long size)
    {
        try
        {
            Compile(pair, side, size);
            return true;
        }
        catch (CliException)
        {
            return false;
        }
    }

    private static double Median(IEnumerable<JobStatus> runs, Func<JobProfile, double> value) => SampleStatistics.Median(runs.Select(r => value(r.Profile!)));
}
