using Microsoft.Extensions.Logging;
using SerialCluster.Abstractions.Grains;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Grains.Execution;
using SerialCluster.Kernels.Parameters;
using SerialCluster.Kernels.Plans;

namespace SerialCluster.Grains.Limits;

/// <summary>
/// Stands in front of <see cref="IJobGrain.SubmitAsync"/> on every silo: a job over <see cref="JobLimits"/> is answered
/// Rejected, naming what is over and the limit, before the coordinator stores or runs anything. The spec's text is
/// checked before it is parsed; the plan (compiled once, then reused by the coordinator through
/// <see cref="PlanCache.Compile"/>) before it runs. Bad parameters pass through for the coordinator to refuse in its
/// own words.
/// </summary>
public sealed partial class JobLimitsFilter(JobLimits limits, ILogger<JobLimitsFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod is not { Name: nameof(IJobGrain.SubmitAsync) } method || method.DeclaringType != typeof(IJobGrain) ||
            context.Request.GetArgument(0) is not JobSpec spec)
        {
            await context.Invoke();
            return;
        }

        var refusal = JobLimitChecker.CheckSpec(spec, limits);
        if (refusal is null)
        {
            try
            {
                refusal = JobLimitChecker.CheckPlan(spec, PlanCache.Compile(spec), limits);
            }
            catch (Exception e) when (e is UnknownWorkloadException or InvalidParameterException)
            {
                // The coordinator refuses these with the kernels' own message.
            }
        }

        if (refusal is null)
        {
            await context.Invoke();
            return;
        }

        var jobId = context.TargetId.Key.ToString() ?? string.Empty;
        LogRefused(logger, jobId, refusal);
        context.Result = new JobStatus(jobId, JobState.Rejected, 0, 0, string.Empty, $"over a limit of this cluster: {refusal}", null, null, spec);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} refused: {Refusal}")]
    private static partial void LogRefused(ILogger logger, string jobId, string refusal);
}
