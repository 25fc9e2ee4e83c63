using System.Diagnostics;
using SerialCluster.Abstractions.Execution;
using SerialCluster.Abstractions.Grains;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Grains.Placement;
using SerialCluster.Kernels.Execution;
using SerialCluster.Kernels.Plans;

namespace SerialCluster.Grains.Execution;

/// <summary>
/// Runs a wide, non-speculative stage of many tasks in batches of consecutive tasks, one worker call per batch,
/// sized by <see cref="TaskBatchSizer"/> from the measured task cost and the measured overhead of a call (its round
/// trip beyond its tasks' kernel time): one task per call until a task is measured,
/// so long tasks go out one by one as before, while tiny ones (a millisecond or less) stop paying a grain call
/// each. At most P batches are in flight, and a batch runs its tasks one after another, so at most P tasks run at
/// once, as with per-task dispatch. Batches go to the least-loaded silo, ties rotating; outputs stay in task order
/// and each task's own time is accumulated.
/// </summary>
public sealed class BatchedStageDispatcher(IGrainFactory grains)
{
    /// <summary>Stages with fewer tasks are dispatched one task per call: batching cannot save much there.</summary>
    public const int MinimumTasks = 64;

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
        var workers = silos.Select(s => grains.GetGrain<IWorkerGrain>(SiloKey.Format(s.Address, "worker"))).ToArray();
        var sizer = new TaskBatchSizer(parallelism);
        var inFlight = new Dictionary<Task<StageTaskBatchOutcome>, (int First, int Silo, long Sent)>();
        var next = 0;
        var roundRobin = 0;
        while (next < count || inFlight.Count > 0)
        {
            while (inFlight.Count < parallelism && next < count)
            {
                var size = sizer.Next(count - next);
                var inputs = new byte[size][];
                for (var i = 0; i < size; i++)
                {
                    inputs[i] = plan.CreateTaskInput(stage, next + i, previousOutputs);
                }

                var silo = PickSilo(silos, roundRobin++);
                var call = workers[silo].RunTasksAsync(new StageTaskBatchRequest(jobId, spec, stage, next, inputs));
                silos[silo].InFlight++;
                inFlight.Add(call, (next, silo, Stopwatch.GetTimestamp()));
                next += size;
            }

            var finished = await Task.WhenAny(inFlight.Keys);
            var (first, slot, sent) = inFlight[finished];
            inFlight.Remove(finished);
            silos[slot].InFlight--;
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

            sizer.Observe(outcome.Outputs.Length, seconds, Stopwatch.GetElapsedTime(sent).TotalSeconds);
            unitsCompleted(units);
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
