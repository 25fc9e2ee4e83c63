namespace SerialCluster.Abstractions.Jobs;

/// <summary>
/// When one task ran, as the coordinator saw it: from its dispatch to its result, in seconds from the job's start,
/// with the kernel's own seconds inside that interval and the silo that ran it. When a stage has more tasks than
/// the profile keeps, one entry stands for <see cref="Tasks"/> tasks of one silo: first dispatch to last result,
/// kernel seconds summed.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("SerialCluster.TaskSpan")]
public sealed record TaskSpan(
    [property: Id(0)] string Silo,
    [property: Id(1)] double StartSeconds,
    [property: Id(2)] double EndSeconds,
    [property: Id(3)] double KernelSeconds,
    [property: Id(4)] int Tasks = 1);
