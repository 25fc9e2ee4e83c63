using System.Diagnostics;
using System.Text.Json.Nodes;
using SerialCluster.Workloads.Parameters;

namespace SerialCluster.Workloads.Plans;

/// <summary>
/// What a workload compiles to: an ordered list of stages of independent tasks. Every task is a pure,
/// deterministic function from a byte input to a byte output, so it can run on any silo and be checked
/// anywhere; stage outputs are combined in task order, so results never depend on timing or placement.
/// The plan knows its theoretical work and span in the workload's own unit; execution measures seconds.
/// </summary>
public abstract class WorkloadPlan
{
    private readonly Lock _building = new();
    private volatile bool _prepared;
    private long _buildTicks;
    private long _takenTicks;

    protected WorkloadPlan(ParameterValues parameters, string unit, IReadOnlyList<StageSpec> stages)
    {
        if (stages.Count == 0)
        {
            throw new ArgumentException("A plan has at least one stage.", nameof(stages));
        }

        Parameters = parameters;
        Unit = unit;
        Stages = stages;
        Work = stages.Sum(s => s.WorkUnits);
        Span = stages.Sum(s => s.SpanUnits);
    }

    public ParameterValues Parameters { get; }

    /// <summary>The workload's own unit of work: "SHA-256 steps", "samples", "cell updates"…</summary>
    public string Unit { get; }

    public IReadOnlyList<StageSpec> Stages { get; }

    /// <summary>Total units over every task of every stage (T1 in units); for a plan that may stop early, the cap (<see cref="UnitsDone"/>).</summary>
    public long Work { get; }

    /// <summary>Units on the longest dependent path: the sum over stages of the largest task (T∞ in units).</summary>
    public long Span { get; }

    /// <summary>
    /// Seconds this plan object spent being built: compiling it (when compiled through <see cref="Workload.Plan"/>) and
    /// <see cref="Prepare"/>'s tables. Setup paid once per plan object (so once per job on each silo), never a task's work:
    /// a cvp circuit of 4 M gates takes longer to build than to evaluate, and charged to its first tasks it made them
    /// look 80× slower than the pinned pass.
    /// </summary>
    public double BuildSeconds => (double)Interlocked.Read(ref _buildTicks) / Stopwatch.Frequency;

    /// <summary>
    /// Builds what tasks (not the whole chain) read, once per plan object. Thread-safe. Runners call it before they time
    /// a task, so a task's seconds are the kernel's alone. The plan times what it builds into <see cref="BuildSeconds"/>
    /// (<see cref="AddBuildTicks"/>) where it builds it, so a plan that builds lazily, part by part (cvp's tables, stage
    /// by stage), counts its build whoever triggers it, and a caller that waits for another's build counts nothing.
    /// </summary>
    public void Prepare()
    {
        if (_prepared)
        {
            return;
        }

        lock (_building)
        {
            if (_prepared)
            {
                return;
            }

            BuildTaskTables();
            _prepared = true;
        }
    }

    /// <summary>
    /// The build seconds not taken before, now marked taken: each silo reports a plan's build once, with the first
    /// answer after it (and the coordinator takes what is left at the end), so no build is counted twice.
    /// </summary>
    public double TakeBuildSeconds()
    {
        while (true)
        {
            var taken = Interlocked.Read(ref _takenTicks);
            var built = Interlocked.Read(ref _buildTicks);
            if (built <= taken)
            {
                return 0;
            }

            // Only the taker that moves the mark from what it read reports the difference: two takers never share it.
            if (Interlocked.CompareExchange(ref _takenTicks, built, taken) == taken)
            {
                return (built - taken) / (double)Stopwatch.Frequency;
            }
        }
    }

    /// <summary>Counts <see cref="Stopwatch"/> ticks spent building this plan (its compilation, its task tables).</summary>
    internal void AddBuildTicks(long ticks) => Interlocked.Add(ref _buildTicks, Math.Max(0, ticks));

    /// <summary>What <see cref="Prepare"/> builds, timed by the plan itself; nothing by default (most plans are ready once compiled).</summary>
    protected virtual void BuildTaskTables()
    {
    }

    /// <summary>Units of one task, for progress and for the cost model.</summary>
    public abstract long TaskUnits(int stage, int task);

    /// <summary>
    /// The input of one task, from the ordered outputs of the previous stage (empty for the first stage).
    /// Called by whoever coordinates, one task at a time, so a million-task stage needs no million inputs at once.
    /// </summary>
    public abstract byte[] CreateTaskInput(int stage, int task, IReadOnlyList<byte[]> previousOutputs);

    /// <summary>Runs one task of a <see cref="StageKind.Parallel"/> stage.</summary>
    public virtual byte[] RunTask(int stage, int task, byte[] input, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"Stage {stage} of {Parameters.Workload} is not a parallel stage.");

    /// <summary>Starts the chain of a <see cref="StageKind.Chain"/> stage from its input.</summary>
    public virtual IChainRun StartChain(int stage, byte[] input) =>
        throw new InvalidOperationException($"Stage {stage} of {Parameters.Workload} is not a chain stage.");

    /// <summary>For a <see cref="StageSpec.Speculative"/> stage: does this output make every later task unnecessary?</summary>
    public virtual bool IsDecisive(int stage, int task, byte[] output) => false;

    /// <summary>
    /// Pinned mode's fast path: the whole job as ONE chain when the workload has a single-core form that is
    /// cheaper than running its staged plan task by task (no halos, no per-stage copies). Null when the staged
    /// plan is already the best serial form. Its output goes to <see cref="FinishWholeChain"/>, whose result must
    /// equal <see cref="Finish"/>'s bit for bit (the tests check it).
    /// </summary>
    public virtual IChainRun? CreateWholeChain() => null;

    /// <summary>Builds the result from the output of <see cref="CreateWholeChain"/>.</summary>
    public virtual JsonObject FinishWholeChain(byte[] output) =>
        throw new InvalidOperationException($"{Parameters.Workload} has no whole-job chain.");

    /// <summary>Builds the result from the last stage's outputs, in task order.</summary>
    public abstract JsonObject Finish(IReadOnlyList<byte[]> lastStageOutputs);

    /// <summary>
    /// Early stop: is the answer final once <paramref name="stage"/> has run with these outputs (task order)? Then no later stage runs and these outputs
    /// go to <see cref="Finish"/>. It must read only the outputs, never timing or placement, so every executor stops after the same stage and the result
    /// stays bit-identical; the plan still lists every stage to its cap, since how many run is known only as they run. False unless overridden.
    /// </summary>
    public virtual bool IsComplete(int stage, IReadOnlyList<byte[]> stageOutputs) => false;

    /// <summary>
    /// The number of stages the whole-job chain's <paramref name="output"/> stands for: the same count the staged
    /// plan runs under <see cref="IsComplete"/>, so a pinned job reports the units done, not the cap. Every stage unless
    /// overridden.
    /// </summary>
    public virtual int WholeChainStages(byte[] output) => Stages.Count;

    /// <summary>
    /// Coarser splits of this plan for <paramref name="slots"/> cores (fewer, larger tasks per stage, or fewer stages),
    /// as parameter changes that decide only how the work is split, never what is computed: every split's result equals
    /// this plan's bit for bit. The cost model compiles and prices each (<c>scatter-batched</c>). None by default.
    /// </summary>
    public virtual IReadOnlyList<IReadOnlyDictionary<string, string>> CoarserSplits(int slots) => [];

    /// <summary>What the tasks of parallel stage <paramref name="stage"/> cost beyond their units; null: one step, no overlap.</summary>
    public virtual TaskCost? TaskCostOf(int stage) => null;

    /// <summary>The dependent steps of the whole-job chain (<see cref="CreateWholeChain"/>); null when there is none.</summary>
    public virtual long? WholeChainSteps() => CreateWholeChain() is { } chain ? Math.Max(1, chain.TotalSteps) : null;

    /// <summary>
    /// The most speedup <paramref name="processors"/> cores can give this plan, from its structure alone
    /// (<see cref="SpeedupBound(IReadOnlyList{StageSpec}, int)"/>).
    /// </summary>
    public double SpeedupBound(int processors) => SpeedupBound(Stages, processors);

    /// <summary>
    /// The most speedup P processors can give these stages: a stage with a barrier after it takes at least
    /// max(W_s/P, S_s), so S(P) ≤ W / Σ_s max(W_s/P, S_s). For a chain then a wide stage this is exactly
    /// Amdahl's law; for one wide stage of equal tasks it is min(P, tasks).
    /// </summary>
    public static double SpeedupBound(IReadOnlyList<StageSpec> stages, int processors)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(processors, 1);
        double work = 0;
        double time = 0;
        foreach (var stage in stages)
        {
            work += stage.WorkUnits;
            time += Math.Max((double)stage.WorkUnits / processors, stage.SpanUnits);
        }

        return time > 0 ? work / time : 1.0;
    }

    /// <summary>
    /// Work and span of the first <paramref name="stagesRun"/> stages, in units: what a job that stopped there did
    /// (the profile's <c>work</c> and <c>span</c>, the progress total). <see cref="Work"/> and <see cref="Span"/> are the cap.
    /// </summary>
    public (long Work, long Span) UnitsDone(int stagesRun)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stagesRun);
        if (stagesRun >= Stages.Count)
        {
            return (Work, Span);
        }

        long work = 0, span = 0;
        for (var stage = 0; stage < stagesRun; stage++)
        {
            work += Stages[stage].WorkUnits;
            span += Stages[stage].SpanUnits;
        }

        return (work, span);
    }
}
