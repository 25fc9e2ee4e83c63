using SerialCluster.Analysis.Span;

namespace SerialCluster.Cli.Contrast;

/// <summary>A span series as measured: which side, the size parameter, and the fitted slopes over its sizes.</summary>
public sealed record ContrastSpanResult(string Label, string Workload, string SizeName, string Unit, SpanScaling Scaling);
