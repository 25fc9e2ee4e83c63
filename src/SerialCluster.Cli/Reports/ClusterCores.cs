using SerialCluster.Cli.Cluster;

namespace SerialCluster.Cli.Reports;

/// <summary>Cores the cluster really has, CPUs several silos share counted once (<see cref="ClusterSurvey.Cores"/>); this machine's if none answers.</summary>
public static class ClusterCores
{
    public static async Task<int> CountAsync(IClusterClient client, CancellationToken cancellationToken)
    {
        var survey = await ClusterSurvey.ReadAsync(client, cancellationToken);
        return survey.Cores > 0 ? survey.Cores : Environment.ProcessorCount;
    }
}
