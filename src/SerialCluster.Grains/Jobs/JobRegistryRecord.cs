using SerialCluster.Abstractions.Jobs;

namespace SerialCluster.Grains.Jobs;

/// <summary>The job registry's stored state: one summary per job, by id.</summary>
[GenerateSerializer]
[Alias("SerialCluster.JobRegistryRecord")]
public sealed class JobRegistryRecord
{
    [Id(0)]
    public Dictionary<string, JobSummary> Jobs { get; set; } = new(StringComparer.Ordinal);
}
