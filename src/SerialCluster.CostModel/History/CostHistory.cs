using SerialCluster.CostModel.Costs;
using SerialCluster.CostModel.Measured;

namespace SerialCluster.CostModel.History;

/// <summary>
/// A workload's (or the cluster's) recent costs, learned from finished jobs: <see cref="LineFit"/>s of step cost, stage
/// overhead against waves and each mode's fixed cost against compute, each bent to nearby points, plus measured walls
/// per plan (<see cref="MeasuredRuns"/>); docs/COST-MODEL.md gives the rules. Overheads count only after
/// <see cref="MinimumOverheadSamples"/> jobs, so one stray job cannot dominate. Not thread-safe: its grain serialises calls.
/// </summary>
public sealed class CostHistory(int minimumOverheadSamples = 1)
{
    /// <summary>How many samples a workload's own overheads need before they replace the cluster's.</summary>
    public const int WorkloadOverheadSamples = 3;

    /// <summary>Floor for a stage's measured overhead: a compute estimate slightly above the stage's wall leaves no overhead, not a negative one.</summary>
    public const double MinimumStageOverhead = 1e-6;

    private readonly LineFit _chain = new(growsWithX: true);
    private readonly LineFit _parallel = new(growsWithX: true);
    private readonly LineFit _parallelAlone = new(growsWithX: true);
    private readonly List<(double, double, double)> _chainPoints = [];
    private readonly List<(double, double, double)> _parallelPoints = [];
    private readonly List<(double, double, double)> _alonePoints = [];
    private readonly LineFit _stages = new();
    private readonly Dictionary<int, RecentMedian> _stagesByWaves = [];
    private readonly RecentMedian _stageShare = new();
    private bool _calibrated;
    private readonly LineFit _pinnedJob = new();
    private readonly LineFit _scatterJob = new();
    private readonly List<(double, double)> _pinnedJobPoints = [];
    private readonly List<(double, double)> _scatterJobPoints = [];
    private readonly RecentMedian _chainCall = new();
    private readonly MeasuredRuns _runs = new();

    public int Jobs { get; private set; }

    public void Observe(CostSample sample)
    {
        if (sample.Calibrated != _calibrated && (sample.Chain is not null || sample.Parallel is not null || sample.ParallelAlone is not null))
        {
            _chain.Clear();
            _parallel.Clear();
            _parallelAlone.Clear();
            _chainPoints.Clear();
            _parallelPoints.Clear();
            _alonePoints.Clear();
            _calibrated = sample.Calibrated;
        }

        Add(_chain, _chainPoints, sample.Chain);
        Add(_parallel, _parallelPoints, sample.Parallel);
        Add(_parallelAlone, _alonePoints, sample.ParallelAlone);
        if (sample.Stages is { Waves: > 0, TellsOverhead: false, MakespanSeconds: > 0 } heavy && double.IsFinite(heavy.Seconds))
        {
            // Long stages: what they show beyond the short stages' overhead, per second of their compute.
            var light = LightStageSeconds(heavy.Waves);
            _stageShare.Add(Math.Max(0, heavy.Seconds - light) / heavy.MakespanSeconds);
        }
        else if (sample.Stages is { Waves: > 0 } stages && double.IsFinite(stages.Seconds))
        {
            _stages.Add(stages.Waves, Math.Max(MinimumStageOverhead, stages.Seconds));
            if (Math.Abs(stages.Waves - Math.Round(stages.Waves)) < 1e-9)
            {
                var bucket = (int)Math.Round(stages.Waves);
                if (!_stagesByWaves.TryGetValue(bucket, out var median))
                {
                    _stagesByWaves[bucket] = median = new RecentMedian();
                }

                median.Add(Math.Max(MinimumStageOverhead, stages.Seconds));
            }
        }

        AddJob(_pinnedJob, _pinnedJobPoints, sample.PinnedJobCompute, sample.PinnedJobSeconds);
        AddJob(_scatterJob, _scatterJobPoints, sample.ScatterJobCompute, sample.ScatterJobSeconds);
        _chainCall.Add(sample.ChainCallSeconds);
        if (sample.Run is { } run)
        {
            _runs.Observe(run);
        }

        Jobs++;
    }

    /// <summary>What is known now; the stage-overhead split uses <paramref name="prior"/>'s shape until two wave counts have been seen.</summary>
    public CostEstimate Estimate(DispatchCosts? prior = null)
    {
        var shape = prior is null ? ((double, double)?)null : (prior.StageBarrierSeconds, prior.TaskDispatchSeconds);
        var stages = _stages.Count >= minimumOverheadSamples
            ? _stages.Fit(shape ?? (DispatchCosts.Default.StageBarrierSeconds, DispatchCosts.Default.TaskDispatchSeconds))
            : null;
        var pinnedJob = JobLine(_pinnedJob);
        var scatterJob = JobLine(_scatterJob);
        return new CostEstimate(
            _calibrated,
            Line(_chain, _chainPoints),
            Line(_parallel, _parallelPoints),
            pinnedJob?.Intercept,
            scatterJob?.Intercept,
            stages?.Intercept,
            stages?.Slope,
            _chainCall.Value(minimumOverheadSamples),
            Jobs,
            Line(_parallelAlone, _alonePoints),
            stages is null ? null : _stages.MinX,
            stages is null ? null : _stagesByWaves.ToDictionary(b => b.Key, b => b.Value.Value()!.Value),
            pinnedJob?.Slope,
            scatterJob?.Slope,
            _stageShare.Value(minimumOverheadSamples),
            _runs.Snapshot(),
            pinnedJob is { } p ? JobCostPoints.Relative(_pinnedJobPoints, p.Intercept, p.Slope) : null,
            scatterJob is { } s ? JobCostPoints.Relative(_scatterJobPoints, s.Intercept, s.Slope) : null);
    }

    /// <summary>A short stage's overhead at <paramref name="waves"/> waves as known now (the defaults before any).</summary>
    private double LightStageSeconds(double waves)
    {
        var defaults = DispatchCosts.Default;
        var line = _stages.Count > 0 ? _stages.Fit((defaults.StageBarrierSeconds, defaults.TaskDispatchSeconds)) : null;
        var bucket = (int)Math.Round(waves);
        return _stagesByWaves.TryGetValue(bucket, out var median) && Math.Abs(waves - bucket) < 1e-9 && median.Value() is { } measured
            ? measured
            : line is { } l ? l.Intercept + (l.Slope * Math.Max(waves, _stages.MinX ?? 0)) : defaults.StageSeconds(waves);
    }

    /// <summary>
    /// A job cost below this (its compute estimate took up its whole wall) measured nothing: left out rather than floored,
    /// since the line weighs points by their inverse square and one near-zero point would outweigh every real one.
    /// </summary>
    public const double MinimumJobOverhead = 1e-5;

    private static void AddJob(LineFit fit, List<(double, double)> points, double compute, double? seconds)
    {
        if (seconds is { } s && double.IsFinite(s) && s >= MinimumJobOverhead && double.IsFinite(compute))
        {
            fit.Add(Math.Max(0, compute), s);
            points.Add((Math.Max(0, compute), s));
            if (points.Count > JobCostPoints.Capacity)
            {
                points.RemoveAt(0);
            }
        }
    }

    /// <summary>
    /// A mode's fixed cost as a line in the job's compute seconds, once enough jobs measured it; with one job size only,
    /// or a slope the jobs do not show, flat (the prior's shape: what every job costs, none of it per compute second).
    /// </summary>
    private (double Intercept, double Slope)? JobLine(LineFit fit)
    {
        if (fit.Count < minimumOverheadSamples || fit.Fit(prior: (1, 0)) is not { } line)
        {
            return null;
        }

        // A slope needs jobs whose compute is well beyond the fixed cost: between jobs of a millisecond's compute the
        // residual's noise, not the compute, sets it (eca 10³-step jobs alone once gave 3 s per compute second).
        // Without such jobs: flat, at the line's level for a typical job kept.
        return line.Slope > 0 && fit.MaxX < MinComputeForJobSlope * Math.Max(line.Intercept, MinimumJobOverhead)
            ? (line.Intercept + (line.Slope * (fit.MedianX ?? 0)), 0)
            : line;
    }

    /// <summary>How many times a job's fixed cost the largest job's compute must be for the fixed cost to get a slope.</summary>
    public const double MinComputeForJobSlope = 4;

    private static void Add(LineFit fit, List<(double, double, double)> points, StepSample? sample)
    {
        if (sample is { Steps: > 0, Seconds: > 0 } s && double.IsFinite(s.Units) && double.IsFinite(s.Seconds))
        {
            fit.Add(s.Units / s.Steps, s.Seconds / s.Steps);
            points.Add((s.Units / s.Steps, s.StepsPerTask, s.Seconds / s.Steps));
            if (points.Count > UnitCostPoints.Capacity)
            {
                points.RemoveAt(0);
            }
        }
    }

    /// <summary>The line through the recent points, bending to the last <see cref="UnitCostPoints.Capacity"/> near the task shapes they measured.</summary>
    private static UnitCostLine? Line(LineFit fit, List<(double, double, double)> points) =>
        fit.Fit() is { } line
            ? new UnitCostLine(line.Intercept, line.Slope) { Local = UnitCostPoints.Relative(points, line.Intercept, line.Slope) }
            : null;
}
