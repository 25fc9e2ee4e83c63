namespace SerialCluster.Abstractions.Jobs;

/// <summary>Where a job is in its life.</summary>
[GenerateSerializer]
[Alias("SerialCluster.JobState")]
public enum JobState
{
    /// <summary>No job was submitted under this id.</summary>
    Unknown = 0,

    Running = 1,

    Completed = 2,

    Failed = 3,

    /// <summary>Refused before any work started (bad workload or parameters).</summary>
    Rejected = 4,

    /// <summary>Stopped on request (<c>serialcluster cancel</c>, Ctrl+C) before it finished.</summary>
    Cancelled = 5,
}
