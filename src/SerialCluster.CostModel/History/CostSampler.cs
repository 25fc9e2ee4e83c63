using SerialCluster.CostModel.Costs;
using SerialCluster.CostModel.Prediction;
using SerialCluster.CostModel.Shapes;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.CostModel.History;

/// <summary>
/// Turns a finished job's measurements into a <see cref="CostSample"/>, undoing exactly what <see cref="CostPredictor"/>
/// assumes: compute × the speed of the cores that ran it, units as computed (halos included), a stage's overhead as its
/// wall less its tasks' makespan and bytes moved. A job the predictor describes exactly gives back its costs.
/// </summary>
public static class CostSampler
{
    /// <summary>
    /// A pinned run: the whole-job chain when the plan has one, else every stage in turn on one core (chains as chain
    /// compute, tasks as parallel). <paramref name="unitsDone"/>: the units computed when the plan stopped early (null:
    /// all); units and steps are then scaled by the share done, so a converged job does not make its work look cheaper.
    /// <paramref name="stages"/> may be merged by name.
    /// </summary>
    public static CostSample Pinned(
        PlanShape shape, IReadOnlyList<StageMeasurement> stages, double wallSeconds, double serialScore, bool calibrated, long? unitsDone = null)
    {
        var work = stages.Sum(s => s.WorkSeconds);
        var job = Math.Max(0, wallSeconds - work);
        if (shape.WholeChain is { } whole)
        {
            var wholeShare = Share(unitsDone, whole.Units);
            var wholeChain = new StepSample(whole.Units * wholeShare, Math.Max(1, whole.Steps * wholeShare), work * serialScore);
            return new CostSample(calibrated, wholeChain, null, job, null, null, null, PinnedJobCompute: work);
        }

        StepSample? chain = null;
        StepSample? parallel = null;
        var chainSeconds = stages.Where(s => s.Kind == StageKind.Chain).Sum(s => s.WorkSeconds);
        var parallelSeconds = stages.Where(s => s.Kind == StageKind.Parallel).Sum(s => s.WorkSeconds);
        var chains = shape.Stages.Where(s => s.Kind == StageKind.Chain).ToList();
        var wide = shape.Stages.Where(s => s.Kind == StageKind.Parallel).ToList();
        var share = Share(unitsDone, shape.Stages.Sum(s => (double)s.WorkUnits * s.Count));
        if (chains.Count > 0)
        {
            chain = new StepSample(
                share * chains.Sum(s => (double)s.WorkUnits * s.Count), share * chains.Sum(s => (double)s.StepsPerTask * s.Count), chainSeconds * serialScore,
                share * chains.Sum(s => (double)s.Count));
        }

        if (wide.Count > 0)
        {
            parallel = new StepSample(
                share * wide.Sum(s => s.WorkUnits * s.ComputeFactor * s.Count),
                share * wide.Sum(s => (double)s.Tasks * s.StepsPerTask * s.Count),
                parallelSeconds * serialScore,
                share * wide.Sum(s => (double)Math.Max(1, s.Tasks) * s.Count));
        }

        return new CostSample(calibrated, chain, null, job, null, null, null, ParallelAlone: parallel, PinnedJobCompute: work);
    }

    /// <summary>
    /// A scatter run: <paramref name="stages"/> one per stage that ran, in order. The first parallel stage's overhead
    /// beyond the later ones' goes to the job's fixed cost (workers compile the plan on their first task); with one
    /// parallel stage, what it shows beyond <paramref name="dispatch"/>'s stage cost is the job's. A stage is charged up to
    /// the next stage's start: the coordinator's work between stages is a cost of every stage, not of the job.
    /// </summary>
    public static CostSample Scatter(
        PlanShape shape,
        IReadOnlyList<StageMeasurement> stages,
        double wallSeconds,
        IReadOnlyList<SiloFigures> silos,
        int parallelism,
        DispatchCosts dispatch,
        bool calibrated)
    {
        var serialScore = CostPredictor.ChainSpeed(silos);
        var slots = CostPredictor.ParallelSlots(silos);
        double chainUnits = 0, chainSteps = 0, chainSeconds = 0, chainCall = 0;
        double parallelUnits = 0, parallelSteps = 0, parallelSeconds = 0, parallelTasks = 0;
        var chainStages = 0;
        double compute = 0;
        var overheads = new List<(double Waves, double Seconds, double Makespan)>();
        var index = 0;
        foreach (var planned in shape.PerStage())
        {
            if (index >= stages.Count)
            {
                break;
            }

            var measured = stages[index];
            var occupied = Occupied(stages, index++);
            if (planned.Kind == StageKind.Chain)
            {
                chainUnits += planned.WorkUnits;
                chainSteps += planned.StepsPerTask;
                chainSeconds += measured.WorkSeconds * serialScore;
                chainCall += Math.Max(0, occupied - measured.WorkSeconds - (planned.BytesPerTask * dispatch.SecondsPerByte));
                chainStages++;
                compute += measured.WorkSeconds;
                continue;
            }

            var tasks = Math.Max(1, measured.Tasks);
            var effective = CostPredictor.EffectiveParallelism(silos, parallelism, tasks);
            var speed = CostPredictor.ParallelSpeed(silos, effective, slots);
            var waves = (tasks + effective - 1) / effective;
            var makespan = Math.Max(measured.SpanSeconds, waves * measured.WorkSeconds / tasks);
            parallelUnits += planned.WorkUnits * planned.ComputeFactor * tasks / Math.Max(1, planned.Tasks);
            parallelSteps += (double)tasks * planned.StepsPerTask;
            parallelTasks += tasks;
            parallelSeconds += measured.WorkSeconds * speed;
            compute += makespan;
            overheads.Add((waves, occupied - makespan - ((double)tasks * planned.BytesPerTask * dispatch.SecondsPerByte), makespan));
        }

        StageSample? stageSample = null;
        double firstExtra = 0;
        if (overheads.Count >= 2)
        {
            var later = overheads.Skip(1).ToList();
            stageSample = new StageSample(later.Average(o => o.Waves), later.Average(o => o.Seconds), later.Average(o => o.Makespan));
            firstExtra = overheads[0].Seconds - stageSample.Value.Seconds;
        }
        else if (overheads.Count == 1)
        {
            firstExtra = overheads[0].Seconds - dispatch.StageSeconds(overheads[0].Waves, overheads[0].Makespan);
        }

        var job = Math.Max(0, wallSeconds - Enumerable.Range(0, stages.Count).Sum(i => Occupied(stages, i)) + firstExtra);
        return new CostSample(
            calibrated,
            chainStages > 0 ? new StepSample(chainUnits, chainSteps, chainSeconds, chainStages) : null,
            overheads.Count > 0 ? new StepSample(parallelUnits, parallelSteps, parallelSeconds, parallelTasks) : null,
            null,
            job,
            stageSample,
            chainStages > 0 ? chainCall / chainStages : null,
            ScatterJobCompute: compute);
    }

    /// <summary>The share of <paramref name="planned"/> units a run computed: 1 for the whole plan (or nothing to share).</summary>
    private static double Share(long? unitsDone, double planned) =>
        unitsDone is { } done && planned > 0 && done < planned ? Math.Max(0, done) / planned : 1.0;

    /// <summary>
    /// The time stage <paramref name="index"/> held the job: from its start to the next stage's start when both starts
    /// are known (the gap between them is the coordinator's per-stage work), else its own wall time.
    /// </summary>
    private static double Occupied(IReadOnlyList<StageMeasurement> stages, int index)
    {
        var stage = stages[index];
        if (index + 1 < stages.Count && stage.StartSeconds is { } start && stages[index + 1].StartSeconds is { } next && next >= start + stage.WallSeconds)
        {
            return next - start;
        }

        return stage.WallSeconds;
    }
}
