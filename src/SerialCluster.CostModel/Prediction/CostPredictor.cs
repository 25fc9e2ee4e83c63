using SerialCluster.CostModel.Cores;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.CostModel.Prediction;

/// <summary>
/// Predicts a job's wall time in each mode from its plan's shape, the silos' figures and measured costs.
/// Pure arithmetic over numbers; nothing here measures or runs anything.
/// </summary>
public static class CostPredictor
{
    /// <summary>
    /// The job's fixed cost plus the whole job on the serial silo's single core: its whole-job chain when the plan has
    /// one (no per-stage cost), else every stage in turn, tasks one after another.
    /// </summary>
    public static ModePrediction Pinned(CostInputs inputs)
    {
        var speed = Math.Max(1e-12, ChainSpeed(inputs.Silos));
        var costs = inputs.Costs;
        double compute;
        if (inputs.Shape.WholeChain is { } whole)
        {
            compute = costs.Chain.Seconds(whole.Units, whole.Steps) / speed;
        }
        else
        {
            compute = 0;
            foreach (var stage in inputs.Shape.Stages)
            {
                var seconds = stage.Kind == StageKind.Chain
                    ? costs.Chain.Seconds(stage.WorkUnits, stage.StepsPerTask)
                    : costs.Sequential.Seconds(stage.WorkUnits * stage.ComputeFactor, (double)stage.Tasks * stage.StepsPerTask, stage.StepsPerTask);
                compute += stage.Count * seconds / speed;
            }
        }

        var overhead = inputs.Dispatch.PinnedJob(compute);
        return new ModePrediction(ModePrediction.Pinned, compute + overhead, ModePrediction.NoChanges, compute, overhead);
    }

    /// <summary>
    /// The job's fixed cost plus, per stage, a chain on the serial silo (and its start call) or a parallel stage over
    /// the free cores: max(largest task, waves · mean task) + barrier + dispatch · waves + bytes moved, where
    /// waves = ⌈tasks / P_eff⌉ and P_eff = min(P, free cores, tasks).
    /// </summary>
    public static ModePrediction Scatter(CostInputs inputs, IReadOnlyDictionary<string, string>? changes = null)
    {
        var serialSpeed = Math.Max(1e-12, ChainSpeed(inputs.Silos));
        var slots = ParallelSlots(inputs.Silos);
        var dispatch = inputs.Dispatch;
        var costs = inputs.Costs;
        double compute = 0;
        double overhead = 0;
        foreach (var stage in inputs.Shape.Stages)
        {
            if (stage.Kind == StageKind.Chain)
            {
                compute += stage.Count * costs.Chain.Seconds(stage.WorkUnits, stage.StepsPerTask) / serialSpeed;
                overhead += stage.Count * (dispatch.ChainCallSeconds + (stage.BytesPerTask * dispatch.SecondsPerByte));
                continue;
            }

            var tasks = Math.Max(1, stage.Tasks);
            var effective = EffectiveParallelism(inputs.Silos, inputs.Parallelism, tasks);
            var speed = Math.Max(1e-12, ParallelSpeed(inputs.Silos, effective, slots));
            var mean = costs.Parallel.Seconds(stage.WorkUnits * stage.ComputeFactor / tasks, stage.StepsPerTask) / speed;
            var largest = costs.Parallel.Seconds(stage.SpanUnits * stage.ComputeFactor, stage.StepsPerTask) / speed;
            var waves = (tasks + effective - 1) / effective;
            var makespan = Math.Max(largest, waves * mean);
            compute += stage.Count * makespan;
            overhead += stage.Count * (dispatch.StageSeconds(waves, makespan) +
                                       ((double)tasks * stage.BytesPerTask * dispatch.SecondsPerByte));
        }

        overhead += dispatch.ScatterJob(compute);
        var mode = changes is { Count: > 0 } ? ModePrediction.ScatterBatched : ModePrediction.Scatter;
        return new ModePrediction(mode, compute + overhead, changes ?? ModePrediction.NoChanges, compute, overhead);
    }

    /// <summary>
    /// The silo chains go to, as placement picks it: the top single-thread score among silos that take chains (all
    /// silos when none does), ties to fewer running chains, then list order.
    /// </summary>
    public static SiloFigures SerialSilo(IReadOnlyList<SiloFigures> silos)
    {
        if (silos.Count == 0)
        {
            throw new ArgumentException("The cost model needs at least one silo.", nameof(silos));
        }

        var candidates = silos.Any(s => s.TakesChains) ? silos.Where(s => s.TakesChains) : silos;
        return candidates.OrderByDescending(s => s.SingleThreadScore).ThenBy(s => s.RunningChains).First();
    }

    /// <summary>
    /// The speed a chain runs at on the serial silo: its single-thread score times its share of a core
    /// (see <see cref="ChainSpeed(SiloFigures, IReadOnlyList{SiloFigures})"/>).
    /// </summary>
    public static double ChainSpeed(IReadOnlyList<SiloFigures> silos) => ChainSpeed(SerialSilo(silos), silos);

    /// <summary>
    /// The speed one thread runs at on <paramref name="silo"/>: its single-thread score times the share of a core
    /// it gets when other programs keep <see cref="SiloFigures.ForeignBusyCores"/> of its machine's cores busy (the cores
    /// its host's silos have together, <see cref="SharedCores"/>).
    /// </summary>
    public static double ChainSpeed(SiloFigures silo, IReadOnlyList<SiloFigures> silos)
    {
        var cores = HostCores(silos.Where(s => s.Machine == silo.Machine).Append(silo).DistinctBy(s => s.Name));
        return silo.SingleThreadScore * ForeignLoad.Share(Math.Max(1, cores), silo.ForeignBusyCores, 1);
    }

    /// <summary>
    /// Cores free for this job's tasks: per host, the cores its task-taking silos have together (<see cref="SharedCores"/>:
    /// silos on one CPU set share it) less the tasks they are already running, at least 1; summed over hosts.
    /// </summary>
    public static int ParallelSlots(IReadOnlyList<SiloFigures> silos) =>
        TaskMachines(silos).Sum(m => m.Free);

    /// <summary>Tasks of a stage of <paramref name="tasks"/> that run at once: min(P, free cores, tasks), at least 1.</summary>
    public static int EffectiveParallelism(IReadOnlyList<SiloFigures> silos, int parallelism, int tasks) =>
        Math.Max(1, Math.Min(Math.Min(parallelism, ParallelSlots(silos)), Math.Max(1, tasks)));

    /// <summary>
    /// The mean per-core speed of <paramref name="effective"/> tasks at once over the free cores: the single-thread
    /// score when few cores are busy, moving to the all-core per-core score as every free core fills, times the
    /// share of a core each task gets where other programs keep cores busy too.
    /// </summary>
    public static double ParallelSpeed(IReadOnlyList<SiloFigures> silos, int effective, int slots)
    {
        var machines = TaskMachines(silos);
        var total = machines.Sum(m => m.Free);
        var single = machines.Sum(m => m.Free * m.Single) / total;
        var concurrent = machines.Sum(m => m.Free * m.Concurrent) / total;
        var busy = Math.Clamp((double)effective / Math.Max(1, slots), 0, 1);
        // Other programs' busy threads share the cores with this job's tasks.
        var share = ForeignLoad.Share(total, machines.Sum(m => m.Foreign), effective);
        return ((single * (1 - busy)) + (concurrent * busy)) * share;
    }

    private static List<(int Free, double Single, double Concurrent, double Foreign)> TaskMachines(IReadOnlyList<SiloFigures> silos)
    {
        var takers = silos.Any(s => s.TakesTasks) ? silos.Where(s => s.TakesTasks) : silos;
        return [.. takers
            .GroupBy(s => s.Machine, StringComparer.Ordinal)
            .Select(g => (
                Free: Math.Max(1, HostCores(g) - g.Sum(s => s.RunningTasks)),
                Single: g.Average(s => s.SingleThreadScore),
                Concurrent: g.Average(s => Math.Min(s.SingleThreadScore, s.ConcurrentScore)),
                Foreign: g.Max(s => s.ForeignBusyCores)))];
    }

    /// <summary>
    /// The task slots silos of one host have together, whole, at least 1: their cores, or where each runs under the same
    /// fractional CPU quota, one per such silo that the CPUs hold (<see cref="ProcessorUnit"/>; each task then runs at the
    /// silo's all-core rate, its <see cref="SiloFigures.ConcurrentScore"/>).
    /// </summary>
    private static int HostCores(IEnumerable<SiloFigures> silos) => ProcessorUnit.Of([.. silos.Select(s => s.Claim)]).Count;
}
