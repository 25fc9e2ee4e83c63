using SerialCluster.Abstractions.Jobs;

namespace SerialCluster.Cli.Reports;

/// <summary>A completed job as the analysis commands read it: who it was, how it ran, and its measured profile.</summary>
public sealed record MeasuredJob(
    string JobId,
    string Workload,
    IReadOnlyDictionary<string, string> Parameters,
    string Mode,
    int Parallelism,
    JobProfile Profile);
