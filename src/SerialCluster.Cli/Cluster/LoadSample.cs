using System.Globalization;
using SerialCluster.Analysis.Caveats;
using SerialCluster.Grains.Calibration;

namespace SerialCluster.Cli.Cluster;

/// <summary>
/// One reading of how busy the cluster's hosts are with other programs: the cores they keep busy, summed over
/// hosts (each host's silos estimate it from their CPU readings, <see cref="MachineLoad"/>; null when no silo has a
/// reading yet), the cores there (<see cref="ClusterSurvey.Cores"/>), and this machine's one-minute load average.
/// </summary>
public sealed record LoadSample(double? ForeignCores, int Cores, double? LoadAverage, DateTime Utc)
{
    /// <summary>Busy by the rule of <see cref="LoadDuringRun.IsBusy"/>, on this reading alone.</summary>
    public bool IsBusy => new LoadDuringRun(ForeignCores, null, Cores, LoadAverage).IsBusy;

    /// <summary>"other programs keep 1.2 of 2 cores busy; load average 3.1".</summary>
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"{(ForeignCores is { } f ? $"other programs keep {f:F1} of {Cores} cores busy" : $"{Cores} cores")}" +
        $"{(LoadAverage is { } l ? $"; load average {l:F1}" : string.Empty)}");

    public static async Task<LoadSample> ReadAsync(IClusterClient client, CancellationToken cancellationToken)
    {
        var loadAverage = Cluster.LoadAverage.Read();
        try
        {
            var survey = await ClusterSurvey.ReadAsync(client, cancellationToken);
            double? foreign = survey.Silos.Any(s => s.Capacity?.Load is not null) ? survey.Hosts.Sum(survey.ForeignBusyCores) : null;
            return new LoadSample(foreign, survey.Cores > 0 ? survey.Cores : Environment.ProcessorCount, loadAverage, DateTime.UtcNow);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            // A cluster that does not answer a survey still ran the job; the load average alone says what it can.
            return new LoadSample(null, Environment.ProcessorCount, loadAverage, DateTime.UtcNow);
        }
    }
}
