using SerialCluster.Abstractions.Execution;
using SerialCluster.Abstractions.Grains;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Grains.Placement;
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
/// </summary>
public sealed class BatchedStageDispatcher(IGrainFactory grains)
{
    /// <summary>Stages with fewer tasks are dispatched one task per call: batching cannot save much there.</summary>
    public const int MinimumTasks = 64;

    /// <summary>Batches in flight per lane: the one running and the next, queued on the worker.</summary>
    public const int LaneDepth = 2;

    /// <summary>Whether <see cref="ParallelStageDispatcher"/> hands this stage to the batched path.</summary>
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
        Action<long> unitsCompleted)
    {
        var count = plan.Stages[stage].TaskCount;
        var outputs = new byte[count][];
        var sizer = new TaskBatchSizer(parallelism);
        // One lane per unit of parallelism, each on the least-loaded silo when it is opened; a lane runs its batches
        // one after another on its worker, so at most P tasks run at once, while the next batch already waits there.
        var lanes = Math.Min(parallelism, Math.Max(1, count));
        var laneSilo = new int[lanes];
        var laneWorker = new IWorkerGrain[lanes];
        var laneInFlight = new int[lanes];
        for (var lane = 0; lane < lanes; lane++)
        {
            laneSilo[lane] = PickSilo(silos, lane);
            silos[laneSilo[lane]].InFlight++;
            laneWorker[lane] = grains.GetGrain<IWorkerGrain>(SiloKey.Format(silos[laneSilo[lane]].Address, "worker"));
        }

        var inFlight = new Dictionary<Task<StageTaskBatchOutcome>, (int First, int Lane)>();
        var next = 0;
        var lastBatch = 1;
        try
        {
            while (next < count || inFlight.Count > 0)
            {
                // Near the end of the stage a queued batch could wait behind a lane while another lane idles: queue
                // ahead only while plenty is left; then a lane gets work only when it is free, as with one task per call.
                var depthNow = count - next >= 4 * lanes * Math.Max(1, lastBatch) ? LaneDepth : 1;
                for (var depth = 1; depth <= depthNow && next < count; depth++)
                {
                    for (var lane = 0; lane < lanes && next < count; lane++)
                    {
                        if (laneInFlight[lane] >= depth)
                        {
                            continue;
                        }

                        var size = sizer.Next(count - next);
                        lastBatch = size;
                        var inputs = new byte[size][];
                        for (var i = 0; i < size; i++)
                        {
                            inputs[i] = plan.CreateTaskInput(stage, next + i, previousOutputs);
                        }

                        var call = laneWorker[lane].RunTasksAsync(new StageTaskBatchRequest(jobId, spec, stage, next, inputs, lane));
                        laneInFlight[lane]++;
                        inFlight.Add(call, (next, lane));
                        next += size;
                    }
                }

                var finished = await Task.WhenAny(inFlight.Keys);
                var (first, finishedLane) = inFlight[finished];
                inFlight.Remove(finished);
                laneInFlight[finishedLane]--;
                var outcome = await finished;
                double seconds = 0;
                long units = 0;
                for (var i = 0; i < outcome.Outputs.Length; i++)
                {
                    outputs[first + i] = outcome.Outputs[i];
                    accumulator.Add(outcome.Seconds[i], outcome.Silo);
                    seconds += outcome.Seconds[i];
                    units += plan.TaskUnits(stage, first + i);
                }

                // A queued batch's round trip includes its wait behind the one before it: not an overhead to size by.
                sizer.Observe(outcome.Outputs.Length, seconds);
                unitsCompleted(units);
            }
        }
        finally
        {
            foreach (var silo in laneSilo)
            {
                silos[silo].InFlight--;
            }
        }

        return outputs;
    }

    /// <summary>The least-loaded silo; ties rotate so equal silos share the work evenly (as <see cref="ParallelStageDispatcher"/> picks).</summary>
    private static int PickSilo(IReadOnlyList<SiloSlot> silos, int rotation)
    {
        var best = -1;
        for (var i = 0; i < silos.Count; i++)
        {
            var candidate = (i + rotation) % silos.Count;
            if (best < 0 || silos[candidate].Load < silos[best].Load)
            {
                best = candidate;
            }
        }

        return best;
    }
}
