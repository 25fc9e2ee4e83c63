using SerialCluster.Analysis.Scaling;

namespace SerialCluster.Cli.Reports;

/// <summary>One capacity-control job of a sweep: what it measured and the job that measured it.</summary>
public sealed record SweepControlRun(ControlRun Run, string JobId);
