using System.Diagnostics;
using SerialCluster.Abstractions.Execution;
using SerialCluster.Abstractions.Grains;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Grains.Placement;
using SerialCluster.Grains.Reliability;
using SerialCluster.Kernels.Plans;

namespace SerialCluster.Grains.Execution;

/// <summary>
/// Runs one parallel stage across the cluster: at most P tasks in flight, each sent to the silo with the
/// lowest share of its cores in use, outputs kept in task order. For a speculative stage, tasks after the
/// lowest decisive one are not started, and any that were running have their outputs discarded.
/// Tasks are pure, so one whose silo is lost (membership declares it dead) or whose call fails transiently is
/// sent again to another silo; every result goes through the stage's <see cref="TaskLedger"/>, which commits each
/// task once by id (a late original after a retry is discarded), and tasks it already holds are not run again.
/// With <c>batchWideStages</c>, wide stages of many tasks go to <see cref="BatchedStageDispatcher"/> (batches of tasks per call, in P lanes), which
/// keeps the same guarantees.
/// </summary>
public sealed class ParallelStageDispatcher(IGrainFactory grains, SiloWatch watch, int maxAttempts, bool batchWideStages, SiloAddress? localSilo = null)
{
    public async Task<byte[][]> RunAsync(
        string jobId,
        JobSpec spec,
        WorkloadPlan plan,
        int stage,
        IReadOnlyList<byte[]> previousOutputs,
        IReadOnlyList<SiloSlot> silos,
        int parallelism,
        StageAccumulator accumulator,
        Action<long> unitsCompleted,
        TaskLedger ledger,
        Func<Task> committed,
        CancellationToken cancellationToken)
    {
        var stageSpec = plan.Stages[stage];
        if (batchWideStages && BatchedStageDispatcher.Applies(stageSpec))
        {
            return await new BatchedStageDispatcher(grains, watch, maxAttempts, localSilo).RunAsync(
                jobId, spec, plan, stage, previousOutputs, silos, parallelism, accumulator, unitsCompleted, ledger, committed, cancellationToken);
        }

        var workers = silos.Select(s => grains.GetGrain<IWorkerGrain>(SiloKey.Format(s.Address, "worker"))).ToArray();
        var calls = new InFlightCalls<StageTaskOutcome, (int Task, int Silo, long Dispatched)>();
        var lost = new bool[silos.Count];
        var attempts = new Dictionary<int, int>();
        var retry = new SortedSet<int>();
        var cut = stageSpec.TaskCount;
        foreach (var done in ledger.All)
        {
            accumulator.Add(done.Seconds, done.Silo);
            unitsCompleted(plan.TaskUnits(stage, done.Task));
            if (stageSpec.Speculative && plan.IsDecisive(stage, done.Task, ledger.Output(done.Task)!))
            {
                cut = Math.Min(cut, done.Task + 1);
            }
        }

        var next = 0;
        var roundRobin = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            while (calls.Count < parallelism && TryTakeTask(out var task))
            {
                var silo = PickSilo(silos, lost, roundRobin++);
                if (silo < 0)
                {
                    throw new SiloLostException("every silo this stage was spread over");
                }

                var input = plan.CreateTaskInput(stage, task, previousOutputs);
                var dispatched = Stopwatch.GetTimestamp();
                var call = workers[silo].RunTaskAsync(new StageTaskRequest(jobId, spec, stage, task, input));
                silos[silo].InFlight++;
                accumulator.Called();
                calls.Add(call, (task, silo, dispatched));
            }

            if (calls.Count == 0)
            {
                break;
            }

            var answer = await calls.NextAsync();
            if (answer is null)
            {
                AbandonLostSilos();
                continue;
            }

            var (answered, entry, wasLate) = answer.Value;
            if (!wasLate)
            {
                silos[entry.Silo].InFlight--;
            }

            StageTaskOutcome outcome;
            try
            {
                outcome = await answered;
            }
            catch (Exception e) when (TransientFailure.IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                if (!wasLate)
                {
                    // A silo that failed a call is not sent more of this stage (it may not be declared dead yet); should
                    // every silo fail, the coordinator starts the stage again on a fresh view of the cluster.
                    lost[entry.Silo] = true;
                    Retry(entry.Task, e);
                }

                continue;
            }

            accumulator.Built(outcome.BuildSeconds); // the silo built the plan whether or not this answer counts
            if (entry.Task >= cut || !ledger.Commit(entry.Task, outcome))
            {
                continue; // a later speculative task, or a task committed already: its work is not counted.
            }

            accumulator.Add(outcome.Seconds, outcome.Silo, entry.Dispatched);
            unitsCompleted(plan.TaskUnits(stage, entry.Task));
            if (stageSpec.Speculative && plan.IsDecisive(stage, entry.Task, outcome.Output))
            {
                cut = Math.Min(cut, entry.Task + 1);
            }

            await committed();
        }

        calls.ObserveLate();
        return ledger.TakeOutputs(cut);

        bool TryTakeTask(out int task)
        {
            while (retry.Count > 0)
            {
                task = retry.Min;
                retry.Remove(task);
                if (task < cut && !ledger.IsCommitted(task))
                {
                    return true;
                }
            }

            while (next < cut)
            {
                task = next++;
                if (!ledger.IsCommitted(task))
                {
                    return true;
                }
            }

            task = -1;
            return false;
        }

        void Retry(int task, Exception cause)
        {
            var count = attempts[task] = attempts.GetValueOrDefault(task, 1) + 1;
            if (count > maxAttempts)
            {
                throw new InvalidOperationException($"task {task} of stage {stage} failed on {maxAttempts} attempts; the last: {cause.Message}", cause);
            }

            ledger.Retried++;
            retry.Add(task);
        }

        void AbandonLostSilos()
        {
            // A call whose silo is gone becomes late: its task is sent elsewhere; should the original still answer, the ledger keeps one.
            foreach (var (task, silo, _) in calls.Abandon(c => lost[c.Silo] || watch.IsLost(silos[c.Silo].Address)))
            {
                lost[silo] = true;
                silos[silo].InFlight--;
                Retry(task, new SiloLostException(silos[silo].Name));
            }
        }
    }

    /// <summary>The least-loaded silo not lost; ties rotate so equal silos share the work evenly. −1 when every silo is lost.</summary>
    internal static int PickSilo(IReadOnlyList<SiloSlot> silos, bool[] lost, int rotation)
    {
        var best = -1;
        for (var i = 0; i < silos.Count; i++)
        {
            var candidate = (i + rotation) % silos.Count;
            if (!lost[candidate] && (best < 0 || silos[candidate].Load < silos[best].Load))
            {
                best = candidate;
            }
        }

        return best;
    }
}
