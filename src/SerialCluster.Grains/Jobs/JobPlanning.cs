using Microsoft.Extensions.Logging;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Grains.CostModel;
using SerialCluster.Grains.Execution;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Grains.Jobs;

/// <summary>
/// What a run runs: for a job not started yet, the cost model's advice (mode, P, predictions), stored as the job's
/// progress before any work; for a resumed job, the stored progress. After a run that was not interrupted, its
/// measurements feed the cost history.
/// </summary>
internal sealed partial class JobPlanning(JobContext job, CoordinatorRetries retries, ProgressWriter writer)
{
    private CostAdvisor? _advisor;
    private CostAdvice? _advice;

    /// <summary>The progress to run from and its plan; <paramref name="submittedPlan"/> is the admitted plan, if any.</summary>
    public async Task<(JobProgress Progress, WorkloadPlan Plan)> PrepareAsync(JobSpec spec, WorkloadPlan? submittedPlan)
    {
        if (job.Job.Progress is { } stored)
        {
            return (stored, PlanCache.Compile(stored.RunSpec));
        }

        var cluster = await retries.ReadClusterAsync(fresh: true);
        var parallelism = spec.Parallelism > 0 ? spec.Parallelism : cluster.TotalCores;
        var advisor = job.CostAdvisor;
        var advice = await advisor.AdviseAsync(spec, submittedPlan ?? PlanCache.Compile(spec), cluster, parallelism, job.Options.SerialSilosTakeOverflow);
        (_advisor, _advice) = (advisor, advice);
        var progress = new JobProgress
        {
            RunSpec = advice.Spec,
            Pinned = advice.Pinned,
            Parallelism = parallelism,
            Predictions = advice.Predictions,
            ChosenMode = advice.ChosenMode,
            PredictedSeconds = advice.PredictedSeconds,
            CorrectedPredictedSeconds = advice.CorrectedPredictedSeconds,
            ChoiceReason = advice.ChoiceReason,
        };
        job.Job.Progress = progress;
        await writer.SaveAsync();
        return (progress, advice.Plan);
    }

    /// <summary>
    /// Feeds the cost history, when this run was advised (only an uninterrupted run measures what the cost model
    /// learns from); a failure here costs the model one observation, never the job.
    /// </summary>
    public async Task RecordCostsAsync(JobProgress progress, double wall)
    {
        if (_advisor is not { } advisor || _advice is not { } advice)
        {
            return;
        }

        try
        {
            await advisor.RecordAsync(advice, progress.Stages, wall, progress.SerialSilo, progress.Parallelism);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogCostsNotRecorded(job.Logger, e, job.JobId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: its measurements could not be added to the cost history")]
    private static partial void LogCostsNotRecorded(ILogger logger, Exception exception, string jobId);
}
