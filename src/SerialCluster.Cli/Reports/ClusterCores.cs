using SerialCluster.Cli.Cluster;

namespace SerialCluster.Cli.Reports;

/// <summary>Cores the cluster really has: per machine the most any of its silos reports (silos on one machine share its cores), summed over machines.</summary>
public static class ClusterCores
{
    public static async Task<int> CountAsync(IClusterClient client, CancellationToken cancellationToken)
    {
        var survey = await ClusterSurvey.ReadAsync(client, cancellationToken);
        var cores = survey.Silos
            .Where(s => s.Capacity is not null)
            .GroupBy(s => s.Capacity!.Machine, StringComparer.Ordinal)
            .Sum(g => g.Max(s => s.Capacity!.Cores));
        return cores > 0 ? cores : Environment.ProcessorCount;
    }
}
