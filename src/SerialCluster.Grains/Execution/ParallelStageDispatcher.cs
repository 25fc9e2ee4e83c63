using System.Diagnostics;
using SerialCluster.Abstractions.Execution;
using SerialCluster.Abstractions.Grains;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Grains.Placement;
using SerialCluster.Kernels.Plans;

namespace SerialCluster.Grains.Execution;

/// <summary>
/// Runs one parallel stage across the cluster: at most P tasks in flight, each sent to the silo with the
/// lowest share of its cores in use, outputs kept in task order. For a speculative stage, tasks after the
/// lowest decisive one are not started, and any that were running have their outputs discarded.
/// </summary>
public sealed class ParallelStageDispatcher(IGrainFactory grains)
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
        Action<long> unitsCompleted)
    {
        var stageSpec = plan.Stages[stage];
        if (BatchedStageDispatcher.Applies(stageSpec))
        {
            return await new BatchedStageDispatcher(grains).RunAsync(jobId, spec, plan, stage, previousOutputs, silos, parallelism, accumulator, unitsCompleted);
        }

        var outputs = new byte[stageSpec.TaskCount][];
        var workers = silos.Select(s => grains.GetGrain<IWorkerGrain>(SiloKey.Format(s.Address, "worker"))).ToArray();
        var inFlight = new Dictionary<Task<StageTaskOutcome>, (int Task, int Silo, long Dispatched)>();
        var cut = stageSpec.TaskCount;
        var next = 0;
        var roundRobin = 0;
        while (next < cut || inFlight.Count > 0)
        {
            while (inFlight.Count < parallelism && next < cut)
            {
                var silo = PickSilo(silos, roundRobin++);
                var input = plan.CreateTaskInput(stage, next, previousOutputs);
                var dispatched = Stopwatch.GetTimestamp();
                var call = workers[silo].RunTaskAsync(new StageTaskRequest(jobId, spec, stage, next, input));
                silos[silo].InFlight++;
                inFlight.Add(call, (next, silo, dispatched));
                next++;
            }

            var finished = await Task.WhenAny(inFlight.Keys);
            var (task, slot, started) = inFlight[finished];
            inFlight.Remove(finished);
            silos[slot].InFlight--;
            var outcome = await finished;
            if (task >= cut)
            {
                continue; // a later speculative task: its work is not counted.
            }

            outputs[task] = outcome.Output;
            accumulator.Add(outcome.Seconds, outcome.Silo, started);
            unitsCompleted(plan.TaskUnits(stage, task));
            if (stageSpec.Speculative && plan.IsDecisive(stage, task, outcome.Output))
            {
                cut = Math.Min(cut, task + 1);
            }
        }

        for (var task = cut; task < outputs.Length; task++)
        {
            outputs[task] = [];
        }

        return outputs;
    }

    /// <summary>The least-loaded silo; ties rotate so equal silos share the work evenly.</summary>
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
