using SerialCluster.Abstractions.Jobs;
using SerialCluster.Analysis.Caveats;

namespace SerialCluster.Cli.Reports;

/// <summary>
/// A completed job as the analysis commands read it: who it was, how it ran, its measured profile, and other programs'
/// load around it where the document recorded that (<c>run --json</c>'s <c>load</c>).
/// </summary>
public sealed record MeasuredJob(
    string JobId,
    string Workload,
    IReadOnlyDictionary<string, string> Parameters,
    string Mode,
    int Parallelism,
    JobProfile Profile,
    LoadDuringRun? Load = null)
{
    /// <summary>A verdict on this job: inconclusive when the machine was busy while it ran.</summary>
    public string Qualify(string verdict) => Load is null ? verdict : Load.Qualify(verdict);
}
