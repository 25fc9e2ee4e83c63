using System.Diagnostics;
using System.Globalization;
using SerialCluster.Abstractions.Execution;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Grains.Diagnostics;
using SerialCluster.Grains.Execution;
using SerialCluster.Grains.Placement;
using SerialCluster.Grains.Reliability;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Grains.Jobs;

/// <summary>
/// Runs a job's plan, pinned (the whole job in one serial-chain activation on the serial silo) or scattered (chain
/// stages to the serial silo, wide stages over every silo with at most P tasks in flight, a barrier between stages),
/// from the stored progress, committing each stage's end before the next starts.
/// </summary>
internal sealed class StageLoop(JobContext job, CoordinatorRetries retries, ProgressWriter writer, ChainBookkeeping chains)
{
    /// <summary>Runs the whole job on the serial silo; returns its result and the plan's stages it did (fewer when it stopped early).</summary>
    public async Task<(string Result, int StagesRun)> RunPinnedAsync(JobProgress progress, WorkloadPlan plan, CancellationToken cancellationToken)
    {
        var watch = new SiloWatch(job.Membership, job.Time);
        var outcome = await retries.RunAsync(
            "the pinned run",
            async cluster =>
            {
                var serial = ChainPlacement.SerialSilo(cluster.Silos);
                var chain = job.Grains.GetGrain<ISerialChainGrain>(SiloKey.Format(serial.Address, $"{job.JobId}/pinned"));
                chains.Started(chain);
                return await watch.CallAsync(serial.Address, chain.RunPinnedAsync(job.JobId, progress.RunSpec), cancellationToken);
            },
            cancellationToken);
        chains.Finished(outcome.Checkpoints, outcome.CheckpointSeconds, outcome.ComputeSeconds, outcome.ResumedFrom, outcome.CheckpointSteps);
        progress.Stages = outcome.Stages;
        progress.Silos = new Dictionary<string, int>(StringComparer.Ordinal) { [outcome.Silo] = outcome.Tasks };
        progress.SerialSilo = outcome.Silo;
        await chains.ClearCheckpointAsync("pinned");
        return (outcome.ResultJson, outcome.StagesRun ?? plan.Stages.Count);
    }

    /// <summary>
    /// Runs the plan's stages from the stored next stage; returns the result and the stages done. The plan may stop early
    /// (<see cref="WorkloadPlan.IsComplete"/>): the rule is asked before each stage about the stage before it, from the
    /// stored outputs, so a coordinator that resumes a job after its last stored stage end stops at the same stage.
    /// </summary>
    public async Task<(string Result, int StagesRun)> RunScatteredAsync(
        JobProgress progress, WorkloadPlan plan, long jobStart, CancellationToken cancellationToken)
    {
        var options = job.Options;
        var watch = new SiloWatch(job.Membership, job.Time);
        var dispatcher = new StageDispatcherSelector(job.Grains, watch, options.Reliability.TaskAttempts, options.BatchWideStages, job.LocalSilo.SiloAddress);
        // Chain checkpoints being deleted while the job goes on (awaited before it finishes).
        var clearing = new List<Task>();
        for (var stage = progress.Stage; stage < plan.Stages.Count && !(stage > 0 && plan.IsComplete(stage - 1, progress.Previous)); stage++)
        {
            var stageSpec = plan.Stages[stage];
            var accumulator = new StageAccumulator(stage, stageSpec, jobStart);
            using var stageTrace = SerialClusterActivitySource.StartStage(
                stage, stageSpec.Name, stageSpec.Kind.ToString().ToLowerInvariant(), stageSpec.TaskCount, job.LocalSilo.Name);
            var stageStart = Stopwatch.GetTimestamp();
            var index = stage;
            IReadOnlyList<byte[]> previous = progress.Previous;
            byte[][] outputs;
            if (stageSpec.Kind == StageKind.Chain)
            {
                var input = plan.CreateTaskInput(stage, 0, previous);
                var outcome = await retries.RunAsync(
                    $"chain stage {stage}",
                    async cluster =>
                    {
                        var serial = ChainPlacement.SerialSilo(cluster.Silos);
                        var chain = job.Grains.GetGrain<ISerialChainGrain>(SiloKey.Format(serial.Address, $"{job.JobId}/{index}"));
                        chains.Started(chain);
                        var request = new ChainRequest(job.JobId, progress.RunSpec, index, input, progress.UnitsBefore);
                        return await watch.CallAsync(serial.Address, chain.RunChainAsync(request), cancellationToken);
                    },
                    cancellationToken);
                chains.Finished(outcome.Checkpoints, outcome.CheckpointSeconds, outcome.Seconds, outcome.ResumedFrom, outcome.CheckpointSteps);
                accumulator.Add(outcome.Seconds, outcome.Silo, stageStart);
                progress.SerialSilo = outcome.Silo;
                outputs = [outcome.Output];
            }
            else
            {
                var ledger = new TaskLedger(stageSpec.TaskCount, progress.Committed);
                writer.BeginStage(ledger);
                outputs = await retries.RunAsync(
                    $"parallel stage {stage}",
                    cluster =>
                    {
                        // Tasks the ledger holds are not sent again; a fresh accumulator counts them once.
                        stageStart = Stopwatch.GetTimestamp();
                        accumulator = new StageAccumulator(index, stageSpec, jobStart);
                        job.UnitsDone = progress.UnitsBefore;
                        var parallelSilos = TaskPlacement.ParallelSilos(cluster.Silos, progress.Parallelism, options.SerialSilosTakeOverflow);
                        var run = new StageRun(
                            job.JobId, progress.RunSpec, plan, index, previous, parallelSilos, progress.Parallelism, accumulator,
                            job.AddUnits, ledger, writer.SaveIfDueAsync);
                        return dispatcher.RunAsync(run, cancellationToken);
                    },
                    cancellationToken);
            }

            // The stage is committed: its outputs, profile and units stored before the next stage starts.
            writer.EndStage();
            progress.UnitsBefore += stageSpec.WorkUnits;
            job.UnitsDone = Math.Max(job.UnitsDone, progress.UnitsBefore);
            progress.Stages.Add(accumulator.ToProfile(Stopwatch.GetElapsedTime(stageStart).TotalSeconds));
            foreach (var (name, count) in accumulator.Silos)
            {
                progress.Silos[name] = progress.Silos.GetValueOrDefault(name) + count;
            }

            progress.Previous = outputs; // the stage's own array (the ledger's, for a parallel stage): not copied
            progress.Committed = new CommittedTasks();
            progress.Stage = stage + 1;
            if (stageSpec.Kind == StageKind.Chain)
            {
                // The chain's own checkpoint goes only once the stage's end is stored. Deleting it (a read and a clear)
                // is off the critical path: the next stage starts at once, and the job awaits the deletion before it
                // finishes.
                await writer.SaveAsync();
                clearing.Add(chains.ClearCheckpointAsync(stage.ToString(CultureInfo.InvariantCulture)));
            }
            else
            {
                // Stepped workloads run thousands of short stages, and storing each one's end (a storage round trip with
                // a growing record) would cost more than the stages themselves. Stage ends are stored like task results,
                // under the 1% rule; a new coordinator recomputes at most that much (stages are pure).
                await writer.SaveIfDueAsync();
            }
        }

        await Task.WhenAll(clearing);
        return (plan.Finish(progress.Previous).ToJsonString(), progress.Stage);
    }
}
