using System.Diagnostics;
using SerialCluster.Abstractions.Execution;
using SerialCluster.Abstractions.Grains;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Grains.Placement;
using SerialCluster.Grains.Reliability;
using SerialCluster.Kernels.Execution;
using SerialCluster.Kernels.Plans;

namespace SerialCluster.Grains.Execution;

/// <summary>
/// Runs a wide, non-speculative stage of many tasks in batches of consecutive tasks, one worker call per batch,
/// sized by <see cref="TaskBatchSizer"/> from the measured task cost: one task per call until a task is measured,
/// so long tasks go out one by one as before, while tiny ones (a millisecond or less) stop paying a grain call
/// each. The stage runs in P lanes, each opened on the least-loaded silo (ties rotating); a lane's batches run one
/// after another on its worker (<c>TaskLanes</c>), so at most P tasks run at once, as with per-task dispatch, and
/// each lane keeps its next batch queued there, so no core waits for a round trip between batches. Outputs stay in
/// task order and each task's own time is accumulated.
/// <para>
/// Durable like per-task dispatch: every task result goes through the stage's <see cref="TaskLedger"/> (committed once
/// by task id; tasks it already holds are not sent), and a batch whose silo is lost (membership declares it dead) or
/// whose call fails transiently has its uncommitted tasks sent again; the lanes on that silo move to another one.
/// </para>
/// </summary>
/// <param name="localSilo">The coordinator's silo: calls to any other go with their inputs and outputs packed (<see cref="PackedBytes"/>); null: none packed.</param>
public sealed class BatchedStageDispatcher(IGrainFactory grains, SiloWatch watch, int maxAttempts, SiloAddress? localSilo = null)
{
    /// <summary>Stages with fewer tasks are dispatched one task per call: batching cannot save much there.</summary>
    public const int MinimumTasks = 64;

    /// <summary>
    /// The most tasks one call carries. The sizer alone would send a stage of tiny tasks in a few calls of up to a quarter
    /// of the stage each (a million 1-sample tasks: calls of 250,000), so with P lanes two deep every input of the stage,
    /// its serialized copies on both silos and the answers' copies were live at once: the stage's peak memory grew with
    /// its task count. Capped, what is in flight is bounded (about 2·P·this tasks), and a call still carries
    /// milliseconds of work even for sub-microsecond tasks, so its round trip stays a small share. 8,192 (not 16,384, as
    /// until 2026-11-29) keeps a batch's arrays of 8 bytes per task (the outputs' references, their seconds, packed 8-byte
    /// outputs) under the large-object threshold (85,000 bytes): large objects are freed only by full collections, so a
    /// million-task stage's garbage from its batches piled up between gen-2 collections rather than going in gen 0.
    /// </summary>
    public const int MaxTasksPerCall = 8_192;

    /// <summary>Batches in flight per lane: the one running and the next, queued on the worker.</summary>
    public const int LaneDepth = 2;

    /// <summary>Whether this stage can go to the batched path (when <c>SerialClusterOptions.BatchWideStages</c> is on).</summary>
    public static bool Applies(StageSpec stage) => stage.Kind == StageKind.Parallel && !stage.Speculative && stage.TaskCount >= MinimumTasks;

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
        var count = plan.Stages[stage].TaskCount;
        foreach (var done in ledger.All)
        {
            accumulator.Add(done.Seconds, done.Silo);
            unitsCompleted(plan.TaskUnits(stage, done.Task));
        }

        var sizer = new TaskBatchSizer(parallelism);
        var lost = new bool[silos.Count];
        var retry = new SortedSet<int>();
        var attempts = new Dictionary<int, int>();
        // One lane per unit of parallelism, each on the least-loaded silo when it is opened; a lane runs its batches
        // one after another on its worker, so at most P tasks run at once, while the next batch already waits there.
        var lanes = Math.Min(parallelism, Math.Max(1, count));
        var laneSilo = new int[lanes];
        var laneWorker = new IWorkerGrain[lanes];
        var laneInFlight = new int[lanes];
        for (var lane = 0; lane < lanes; lane++)
        {
            OpenLane(lane, lane);
        }

        var calls = new InFlightCalls<StageTaskBatchOutcome, Batch>();
        var next = 0;
        var lastBatch = 1;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // Near the end of the stage a queued batch could wait behind a lane while another lane idles: queue
                // ahead only while plenty is left; then a lane gets work only when it is free, as with one task per call.
                var depthNow = count - next >= 4 * lanes * Math.Max(1, lastBatch) ? LaneDepth : 1;
                for (var depth = 1; depth <= depthNow; depth++)
                {
                    for (var lane = 0; lane < lanes; lane++)
                    {
                        if (laneInFlight[lane] >= depth || !TryTakeBatch(Math.Min(MaxTasksPerCall, sizer.Next(Math.Max(1, count - next))), out var first, out var size))
                        {
                            continue;
                        }

                        lastBatch = size;
                        var dispatched = Stopwatch.GetTimestamp();
                        var request = Request(first, size, lane);
                        var call = laneWorker[lane].RunTasksAsync(request);
                        laneInFlight[lane]++;
                        accumulator.Called();
                        calls.Add(call, new Batch(first, size, lane, laneSilo[lane], dispatched));
                    }
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

                var (answered, batch, wasLate) = answer.Value;
                if (!wasLate)
                {
                    laneInFlight[batch.Lane]--;
                }

                StageTaskBatchOutcome outcome;
                try
                {
                    outcome = await answered;
                    if (outcome.Count != batch.Size)
                    {
                        throw new InvalidOperationException($"a worker on {silos[batch.Silo].Name} answered {outcome.Count} of the {batch.Size} tasks from task {batch.First} of stage {stage}");
                    }
                }
                catch (Exception e) when (TransientFailure.IsTransient(e) && !cancellationToken.IsCancellationRequested)
                {
                    if (!wasLate)
                    {
                        // A silo that failed a call gets no more of this stage; its lanes move to another silo.
                        Retry(batch, e);
                        LoseSilo(batch.Silo, e);
                    }

                    continue;
                }

                accumulator.Built(outcome.BuildSeconds); // the silo built the plan whether or not these answers count
                double seconds = 0;
                long units = 0;
                var any = false;
                for (var i = 0; i < outcome.Count; i++)
                {
                    var task = batch.First + i;
                    if (!ledger.Commit(task, outcome.Output(i), outcome.Seconds[i], outcome.Silo))
                    {
                        continue; // committed already (a late original after a retry): counted once.
                    }

                    accumulator.Add(outcome.Seconds[i], outcome.Silo, batch.Dispatched);
                    seconds += outcome.Seconds[i];
                    units += plan.TaskUnits(stage, task);
                    any = true;
                }

                // A queued batch's round trip includes its wait behind the one before it: not an overhead to size by.
                sizer.Observe(outcome.Count, seconds);
                if (any)
                {
                    unitsCompleted(units);
                    await committed();
                }
            }
        }
        finally
        {
            foreach (var silo in laneSilo)
            {
                if (silo >= 0)
                {
                    silos[silo].InFlight--;
                }
            }

            calls.ObserveLate();
        }

        return ledger.TakeOutputs(count);

        // A batch's call. A stage whose inputs need no previous outputs (a job's first stage) sends none: the worker makes
        // them from the plan, the same pure function of (stage, task) the coordinator would call, so the coordinator
        // allocates, packs and ships nothing per task. Otherwise the inputs go along; a call to this silo is not
        // serialized at all (immutable request), so its inputs go as they are, and one to another silo goes packed.
        StageTaskBatchRequest Request(int first, int size, int lane)
        {
            var local = localSilo is null || silos[laneSilo[lane]].Address.Equals(localSilo);
            if (previousOutputs.Count == 0)
            {
                return new StageTaskBatchRequest(jobId, spec, stage, first, [], lane, PlannedCount: size, PackOutputs: !local);
            }

            var inputs = new byte[size][];
            for (var i = 0; i < size; i++)
            {
                inputs[i] = plan.CreateTaskInput(stage, first + i, previousOutputs);
            }

            return local
                ? new StageTaskBatchRequest(jobId, spec, stage, first, inputs, lane)
                : new StageTaskBatchRequest(jobId, spec, stage, first, [], lane, PackedBytes.Pack(inputs));
        }

        // The next run of consecutive uncommitted tasks, at most `wanted` long: retried tasks first, in order.
        bool TryTakeBatch(int wanted, out int first, out int size)
        {
            while (retry.Count > 0)
            {
                first = retry.Min;
                retry.Remove(first);
                if (ledger.IsCommitted(first))
                {
                    continue;
                }

                size = 1;
                while (size < wanted && retry.Remove(first + size))
                {
                    size++;
                }

                return true;
            }

            while (next < count && ledger.IsCommitted(next))
            {
                next++;
            }

            first = next;
            size = 0;
            while (next < count && size < wanted && !ledger.IsCommitted(next))
            {
                next++;
                size++;
            }

            return size > 0;
        }

        void Retry(Batch batch, Exception cause)
        {
            for (var task = batch.First; task < batch.First + batch.Size; task++)
            {
                if (ledger.IsCommitted(task))
                {
                    continue;
                }

                var tries = attempts[task] = attempts.GetValueOrDefault(task, 1) + 1;
                if (tries > maxAttempts)
                {
                    throw new InvalidOperationException($"task {task} of stage {stage} failed on {maxAttempts} attempts; the last: {cause.Message}", cause);
                }

                ledger.Retried++;
                retry.Add(task);
            }
        }

        // Abandons every batch in flight on the silo (sent again elsewhere; should an original still answer, the
        // ledger keeps one result) and moves its lanes to other silos.
        void LoseSilo(int silo, Exception cause)
        {
            foreach (var batch in calls.Abandon(b => b.Silo == silo))
            {
                Retry(batch, cause);
            }

            if (lost[silo])
            {
                return;
            }

            lost[silo] = true;
            for (var lane = 0; lane < lanes; lane++)
            {
                if (laneSilo[lane] == silo)
                {
                    silos[silo].InFlight--;
                    laneSilo[lane] = -1;
                    laneInFlight[lane] = 0;
                    OpenLane(lane, lane);
                }
            }
        }

        void AbandonLostSilos()
        {
            for (var silo = 0; silo < silos.Count; silo++)
            {
                if (!lost[silo] && watch.IsLost(silos[silo].Address))
                {
                    LoseSilo(silo, new SiloLostException(silos[silo].Name));
                }
            }
        }

        void OpenLane(int lane, int rotation)
        {
            var silo = ParallelStageDispatcher.PickSilo(silos, lost, rotation);
            if (silo < 0)
            {
                throw new SiloLostException("every silo this stage was spread over");
            }

            laneSilo[lane] = silo;
            silos[silo].InFlight++;
            laneWorker[lane] = grains.GetGrain<IWorkerGrain>(SiloKey.Format(silos[silo].Address, "worker"));
        }
    }

    /// <summary>One batch in flight: its tasks, the lane and silo it went to, and when it was sent.</summary>
    private sealed record Batch(int First, int Size, int Lane, int Silo, long Dispatched);
}
