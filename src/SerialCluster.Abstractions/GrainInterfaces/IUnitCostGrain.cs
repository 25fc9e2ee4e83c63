using Orleans.Concurrency;
using SerialCluster.Abstractions.CostModel;

namespace SerialCluster.Abstractions.GrainInterfaces;

/// <summary>
/// The cluster's cost history for one workload, keyed by workload name (and <see cref="ClusterKey"/> for overheads
/// learned from every job): the cost model reads it before a job and feeds it the measured profile after.
/// </summary>
[Alias("SerialCluster.IUnitCostGrain")]
public interface IUnitCostGrain : IGrainWithStringKey
{
    /// <summary>The key of the history every job feeds, whatever its workload: the cluster's own overheads.</summary>
    public const string ClusterKey = "*";

    [AlwaysInterleave]
    [Alias("Get")]
    Task<UnitCostHistory> GetAsync();

    [Alias("Record")]
    Task<UnitCostHistory> RecordAsync(CostObservation observation);
}
