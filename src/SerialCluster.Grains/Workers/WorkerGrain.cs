using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Orleans.Concurrency;
using SerialCluster.Abstractions.Execution;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Grains.Calibration;
using SerialCluster.Grains.Calibration.Host;
using SerialCluster.Grains.Diagnostics;
using SerialCluster.Grains.Execution;
using SerialCluster.Grains.Placement;

namespace SerialCluster.Grains.Workers;

/// <summary>
/// Runs parallel tasks on its silo. Reentrant, so one activation per silo serves every task the coordinator
/// sends; the kernel runs on the thread pool, leaving the activation free to answer between tasks.
/// </summary>
[Reentrant]
[SiloTargetedPlacement]
public sealed class WorkerGrain(PlanCache plans, ILocalSiloDetails silo, IHostApplicationLifetime lifetime, SiloState state) : Grain, IWorkerGrain
{
    private readonly TaskLanes _lanes = new();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Right after a silo joins, a peer may not yet see it as a placement target and place this worker
        // elsewhere. It still runs correctly (and reports where it really ran), but it should not stay there:
        // leave once idle so the next call is placed on the silo the key names.
        if (SiloKey.TryGetSilo(this.GetPrimaryKeyString(), out var wanted) &&
            !string.Equals(wanted, silo.SiloAddress.ToParsableString(), StringComparison.Ordinal))
        {
            this.DeactivateOnIdle();
        }

        return Task.CompletedTask;
    }

    public async Task<StageTaskOutcome> RunTaskAsync(StageTaskRequest request)
    {
        var plan = plans.Get(request.JobId, request.Spec);
        using var running = state.TaskRunning();
        using var trace = SerialClusterActivitySource.StartTask(request.Stage, request.Task, silo.Name);
        var (output, seconds) = await Task.Run(() =>
        {
            plan.Prepare(); // the plan's tables are setup, built once per job on this silo: not the task's time
            var start = Stopwatch.GetTimestamp();
            var result = plan.RunTask(request.Stage, request.Task, request.Input, lifetime.ApplicationStopping);
            return (result, Stopwatch.GetElapsedTime(start).TotalSeconds);
        });
        SerialClusterMetrics.TaskCompleted(request.Spec.Workload, seconds);
        return new StageTaskOutcome(output, seconds, silo.Name, plan.TakeBuildSeconds());
    }

    public async Task<StageTaskBatchOutcome> RunTasksAsync(StageTaskBatchRequest request)
    {
        var plan = plans.Get(request.JobId, request.Spec);
        StageTaskBatchOutcome Run()
        {
            using var running = state.TaskRunning();
            var outputs = new byte[request.Count][];
            var seconds = new double[outputs.Length];
            var stopping = lifetime.ApplicationStopping;
            plan.Prepare(); // the plan's tables are setup, built once per job on this silo: not the tasks' time
            for (var i = 0; i < outputs.Length; i++)
            {
                var task = request.FirstTask + i;
                var input = request.InputsFromPlan ? plan.CreateTaskInput(request.Stage, task, []) : request.Input(i);
                var start = Stopwatch.GetTimestamp(); // the task's own time, as before: not its input's making
                outputs[i] = plan.RunTask(request.Stage, task, input, stopping);
                seconds[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
            }

            var build = plan.TakeBuildSeconds();
            return request.PackAnswer
                ? new StageTaskBatchOutcome([], seconds, silo.Name, PackedBytes.Pack(outputs), build)
                : new StageTaskBatchOutcome(outputs, seconds, silo.Name, BuildSeconds: build);
        }

        return request.Lane < 0
            ? await Task.Run(Run)
            : await _lanes.RunAsync($"{request.JobId}/{request.Stage}/{request.Lane}", Run);
    }

    public Task<SiloCapacity> GetCapacityAsync() =>
        Task.FromResult(state.Snapshot(silo.Name, HostSite.Read(), Environment.ProcessorCount));
}
