namespace SerialCluster.Grains.Reliability;

/// <summary>
/// Another activation of this job's coordinator stored newer state (this one was cut off, e.g. its silo stopped
/// and was declared dead): the storage refused this one's write, so this run stops without touching the job.
/// </summary>
[GenerateSerializer, Alias("SerialCluster.JobSupersededException")]
public sealed class JobSupersededException(string jobId, Exception inner)
    : Exception($"another coordinator of job {jobId} took over; this one stops", inner);
