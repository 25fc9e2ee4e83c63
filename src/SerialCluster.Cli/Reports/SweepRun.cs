using SerialCluster.Abstractions.Jobs;

namespace SerialCluster.Cli.Reports;

/// <summary>One job of a sweep: its parallelism, repeat number, wall time and the full status it ended with.</summary>
public sealed record SweepRun(int P, int Repeat, double Seconds, JobStatus Status);
