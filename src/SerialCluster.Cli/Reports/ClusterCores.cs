using SerialCluster.Cli.Cluster;
using SerialCluster.CostModel.Cores;

namespace SerialCluster.Cli.Reports;

/// <summary>Cores the cluster really has, CPUs several silos share counted once (<see cref="ClusterSurvey.Cores"/>); this machine's if none answers.</summary>
public static class ClusterCores
{
    public static async Task<int> CountAsync(IClusterClient client, CancellationToken cancellationToken)
    {
        var survey = await ClusterSurvey.ReadAsync(client, cancellationToken);
        return survey.Cores > 0 ? survey.Cores : Environment.ProcessorCount;
    }

    /// <summary>
    /// What a sweep's P counts on the cluster (<see cref="ProcessorUnit.Of"/>): its slow silos where every one runs under the
    /// same fractional CPU quota, else its cores; this machine's cores if none answers.
    /// </summary>
    public static async Task<ProcessorUnit> UnitAsync(IClusterClient client, CancellationToken cancellationToken)
    {
        var survey = await ClusterSurvey.ReadAsync(client, cancellationToken);
        return survey.Cores > 0 ? survey.Unit : ProcessorUnit.Cores(Environment.ProcessorCount);
    }
}
