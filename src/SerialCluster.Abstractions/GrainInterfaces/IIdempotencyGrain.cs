using SerialCluster.Abstractions.Jobs;

namespace SerialCluster.Abstractions.GrainInterfaces;

/// <summary>
/// One idempotency key (the grain key): the first submission under it starts a job and remembers which; every later
/// submission with the same workload, mode, parallelism and canonical parameters gets that job back and starts
/// nothing; one with anything different is refused, naming what differs.
/// </summary>
[Alias("SerialCluster.IIdempotencyGrain")]
public interface IIdempotencyGrain : IGrainWithStringKey
{
    [Alias("Submit")]
    Task<IdempotentSubmission> SubmitAsync(JobSpec spec);
}
