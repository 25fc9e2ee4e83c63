using System.Diagnostics;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.Execution;

/// <summary>
/// Executes a whole plan in this process: stage by stage, tasks of a wide stage on up to
/// <c>parallelism</c> threads, chains in measured batches. Pinned mode runs jobs through it with
/// parallelism 1; tests use it to prove results do not depend on parallelism.
/// </summary>
public static class LocalPlanRunner
{
    /// <summary>
    /// Runs the plan's whole-job chain (<see cref="WorkloadPlan.CreateWholeChain"/>) when it has one and
    /// <paramref name="preferWholeChain"/> is set; otherwise runs its stages. Only the last stage's outputs are
    /// kept unless <paramref name="keepStageOutputs"/> (a long stepped job would otherwise hold every step).
    /// </summary>
    public static LocalPlanRun Run(
        WorkloadPlan plan,
        int parallelism = 1,
        Action<long>? unitsDone = null,
        string runner = "local",
        bool preferWholeChain = false,
        bool keepStageOutputs = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        if (preferWholeChain && plan.CreateWholeChain() is { } whole)
        {
            var start = Stopwatch.GetTimestamp();
            var unitsPerStep = (double)plan.Work / Math.Max(1, whole.TotalSteps);
            RunChain(whole, steps => unitsDone?.Invoke((long)(steps * unitsPerStep)), null, cancellationToken);
            var output = whole.Output();
            var timing = new TaskTiming(0, 0, Stopwatch.GetElapsedTime(start).TotalSeconds, runner);
            var stagesDone = plan.WholeChainStages(output);
            var (work, span) = plan.UnitsDone(stagesDone);
            unitsDone?.Invoke(work);
            return new LocalPlanRun(plan.FinishWholeChain(output), [[output]], [timing], [timing.Seconds], stagesDone, work, span, RanWholeChain: true);
        }

        plan.Prepare(); // setup, built once: timed into the plan's BuildSeconds, not into its first task
        var timings = new List<TaskTiming>();
        var stageOutputs = new List<IReadOnlyList<byte[]>>();
        var stageWalls = new List<double>();
        IReadOnlyList<byte[]> previous = [];
        long done = 0;
        var stagesRun = 0;
        for (var stage = 0; stage < plan.Stages.Count; stage++)
        {
            var spec = plan.Stages[stage];
            var stageStart = Stopwatch.GetTimestamp();
            var outputs = new byte[spec.TaskCount][];
            if (spec.Kind == StageKind.Chain)
            {
                var input = plan.CreateTaskInput(stage, 0, previous);
                var start = Stopwatch.GetTimestamp();
                var chain = plan.StartChain(stage, input);
                var baseUnits = done;
                RunChain(chain, steps => unitsDone?.Invoke(baseUnits + steps), null, cancellationToken);
                outputs[0] = chain.Output();
                timings.Add(new TaskTiming(stage, 0, Stopwatch.GetElapsedTime(start).TotalSeconds, runner));
                done += spec.WorkUnits;
                unitsDone?.Invoke(done);
            }
            else
            {
                var stageTimings = new TaskTiming?[spec.TaskCount];
                var stageIndex = stage;
                var inputs = previous;
                using var speculation = new SpeculativeCutoff(spec.TaskCount, cancellationToken);
                var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };
                Parallel.For(0, spec.TaskCount, options, task =>
                {
                    if (speculation.IsCut(task))
                    {
                        return;
                    }

                    var input = plan.CreateTaskInput(stageIndex, task, inputs);
                    var start = Stopwatch.GetTimestamp();
                    byte[] output;
                    try
                    {
                        output = plan.RunTask(stageIndex, task, input, speculation.TokenFor(task));
                    }
                    catch (OperationCanceledException) when (speculation.IsCut(task) && !cancellationToken.IsCancellationRequested)
                    {
                        return;
                    }

                    outputs[task] = output;
                    stageTimings[task] = new TaskTiming(stageIndex, task, Stopwatch.GetElapsedTime(start).TotalSeconds, runner);
                    unitsDone?.Invoke(Interlocked.Add(ref done, plan.TaskUnits(stageIndex, task)));
                    if (spec.Speculative && plan.IsDecisive(stageIndex, task, output))
                    {
                        speculation.CutAfter(task);
                    }
                });
                for (var task = 0; task < spec.TaskCount; task++)
                {
                    if (speculation.IsCut(task))
                    {
                        outputs[task] = [];
                    }
                    else if (stageTimings[task] is { } timing)
                    {
                        timings.Add(timing);
                    }
                }
            }

            stageWalls.Add(Stopwatch.GetElapsedTime(stageStart).TotalSeconds);
            stagesRun = stage + 1;
            // The early-stop rule reads only the outputs, so this stops after the same stage as every other executor.
            var complete = stagesRun < plan.Stages.Count && plan.IsComplete(stage, outputs);
            if (keepStageOutputs || complete || stage == plan.Stages.Count - 1)
            {
                stageOutputs.Add(outputs);
            }

            previous = outputs;
            if (complete)
            {
                break;
            }
        }

        var (workDone, spanDone) = plan.UnitsDone(stagesRun);
        unitsDone?.Invoke(workDone);
        return new LocalPlanRun(plan.Finish(previous), stageOutputs, timings, stageWalls, stagesRun, workDone, spanDone);
    }

    /// <summary>Advances a chain to its end in batches sized by <paramref name="sizer"/>, reporting steps done after each.</summary>
    public static void RunChain(IChainRun chain, Action<long>? stepsDone, ChainBatchSizer? sizer, CancellationToken cancellationToken)
    {
        sizer ??= new ChainBatchSizer();
        long batch = 0;
        while (chain.StepsDone < chain.TotalSteps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            batch = sizer.Next(chain.TotalSteps - chain.StepsDone, batch);
            var start = Stopwatch.GetTimestamp();
            chain.Advance(batch);
            sizer.Observe(batch, Stopwatch.GetTimestamp() - start);
            stepsDone?.Invoke(chain.StepsDone);
        }
    }
}
