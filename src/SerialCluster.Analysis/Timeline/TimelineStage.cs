namespace SerialCluster.Analysis.Timeline;

/// <summary>One stage of a measured job on the job's clock (start in seconds from the job's start), with its task spans if recorded.</summary>
public sealed record TimelineStage(
    int Index,
    string Name,
    string Kind,
    double Start,
    double WallSeconds,
    double WorkSeconds,
    double SpanSeconds,
    int Tasks,
    IReadOnlyList<TimelineSpan> Spans);
