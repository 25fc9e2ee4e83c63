using System.Diagnostics;
using SerialCluster.Abstractions.Jobs;

namespace SerialCluster.Grains.Diagnostics;

/// <summary>
/// SerialCluster's spans (<see cref="Name"/>): job → stage → task / chain batch, and a pinned job's run; free when no
/// tracer listens. The coordinator puts the current span's W3C context in the request context itself
/// (<see cref="Propagate"/>) and executing grains start their spans under it (<see cref="StartRemoteChild"/>), so a job
/// is one trace across silos whether or not Orleans' own sources are recorded.
/// </summary>
public static class SerialClusterActivitySource
{
    public const string Name = "SerialCluster";

    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";

    public const string WorkloadTag = "serialcluster.workload";
    public const string ModeTag = "serialcluster.mode";
    public const string JobIdTag = "serialcluster.job_id";
    public const string ParallelismTag = "serialcluster.parallelism";
    public const string SiloTag = "serialcluster.silo";
    public const string StageTag = "serialcluster.stage";
    public const string StageKindTag = "serialcluster.stage.kind";
    public const string StageNameTag = "serialcluster.stage.name";
    public const string TasksTag = "serialcluster.tasks";
    public const string TaskTag = "serialcluster.task";
    public const string StepsTag = "serialcluster.steps";
    public const string BatchTag = "serialcluster.batch";
    public const string WallSecondsTag = "serialcluster.wall_seconds";
    public const string WorkSecondsTag = "serialcluster.work_seconds";
    public const string SpanSecondsTag = "serialcluster.span_seconds";
    public const string ChosenModeTag = "serialcluster.chosen_mode";

    public static readonly ActivitySource Source = new(Name, typeof(SerialClusterActivitySource).Assembly.GetName().Version?.ToString());

    /// <summary>
    /// The job's span: under the span the submitting call carried in its request context (a client that traces its
    /// Orleans calls), else the root of a new trace.
    /// </summary>
    public static Activity? StartJob(string jobId, JobSpec spec, string silo)
    {
        var name = $"job {SerialClusterMetrics.WorkloadLabel(spec.Workload)}";
        var activity = TryRequestParent(out var parent) ? StartUnder(name, parent) : Source.StartActivity(name);
        activity?.SetTag(JobIdTag, jobId)
            .SetTag(WorkloadTag, SerialClusterMetrics.WorkloadLabel(spec.Workload))
            .SetTag(ModeTag, SerialClusterMetrics.ModeLabel(spec.Mode))
            .SetTag(ParallelismTag, spec.Parallelism)
            .SetTag(SiloTag, silo);
        Propagate();
        return activity;
    }

    public static void JobFinished(Activity? job, JobProfile profile)
    {
        job?.SetTag(WallSecondsTag, profile.WallSeconds)
            .SetTag(WorkSecondsTag, profile.WorkSeconds)
            .SetTag(SpanSecondsTag, profile.SpanSeconds)
            .SetTag(ChosenModeTag, profile.ChosenMode);
    }

    public static void JobFailed(Activity? job, string? reason) => job?.SetStatus(ActivityStatusCode.Error, reason);

    /// <summary>One stage of a scattered job, under the job's span.</summary>
    public static Activity? StartStage(int index, string name, string kind, int tasks, string silo)
    {
        // Span names stay few (a plan may have thousands of stages): the stage's name and index are attributes.
        var activity = Source.StartActivity($"stage {kind}");
        activity?.SetTag(StageTag, index)
            .SetTag(StageNameTag, name)
            .SetTag(StageKindTag, kind)
            .SetTag(TasksTag, tasks)
            .SetTag(SiloTag, silo);
        Propagate();
        return activity;
    }

    /// <summary>
    /// Puts the current span's context where Orleans carries it to the grains this flow calls next (the same
    /// <c>traceparent</c>/<c>tracestate</c> keys Orleans' own propagation uses).
    /// </summary>
    public static void Propagate()
    {
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C } current && current.Source == Source)
        {
            RequestContext.Set(TraceParent, current.Id!);
            if (current.TraceStateString is { } state)
            {
                RequestContext.Set(TraceState, state);
            }
        }
    }

    /// <summary>One parallel task on the silo computing it.</summary>
    public static Activity? StartTask(int stage, int task, string silo) =>
        StartRemoteChild("task", silo)?.SetTag(StageTag, stage).SetTag(TaskTag, task);

    /// <summary>One batch of a chain stage on the serial silo (<see cref="ChainBatchSpans"/> decides which batches get one).</summary>
    public static Activity? StartChainBatch(int stage, long steps, string silo) =>
        StartRemoteChild("chain batch", silo)?.SetTag(StageTag, stage).SetTag(StepsTag, steps);

    /// <summary>A pinned job's whole run on the serial silo.</summary>
    public static Activity? StartPinned(string silo) => StartRemoteChild("pinned", silo);

    /// <summary>
    /// A span on the executing silo under the caller's span: the current activity when Orleans' propagation made one
    /// in the same trace, else the context the coordinator put in the request. No parent: no span.
    /// </summary>
    public static Activity? StartRemoteChild(string name, string silo) =>
        TryRequestParent(out var parent) ? StartUnder(name, parent)?.SetTag(SiloTag, silo) : null;

    /// <summary>The W3C context the caller put in the request context, if any.</summary>
    private static bool TryRequestParent(out ActivityContext parent)
    {
        parent = default;
        return RequestContext.Get(TraceParent) is string traceParent &&
            ActivityContext.TryParse(traceParent, RequestContext.Get(TraceState) as string, isRemote: true, out parent);
    }

    /// <summary>
    /// Under the current activity when Orleans' propagation made one in the same trace (it is the finer parent), else
    /// under <paramref name="parent"/>.
    /// </summary>
    private static Activity? StartUnder(string name, ActivityContext parent) =>
        Activity.Current is { } current && current.TraceId == parent.TraceId
            ? Source.StartActivity(name)
            : Source.StartActivity(name, ActivityKind.Internal, parent);
}
