using System.Collections.Concurrent;
using Prometheus;
using SerialCluster.Grains.Calibration;
using SerialCluster.Grains.Calibration.Host;

namespace SerialCluster.Grains.Diagnostics;

/// <summary>
/// Publishes each silo's live figures (<see cref="SiloState"/>: calibration scores, cores, running chains and tasks)
/// as gauges labelled with the silo's name, read fresh on every scrape. Several silos may share a process (tests,
/// the CLI's embedded cluster): each is its own series; a silo that stops has its series removed. The cores are also
/// labelled with the silo's host and CPU set, so a dashboard can count CPUs that containers share once.
/// </summary>
public sealed class SiloGauges : ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly ConcurrentDictionary<string, SiloState> Silos = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string[]> CpuSetLabels = new(StringComparer.Ordinal);
    private static int _registered;

    private readonly SiloState _state;
    private readonly ILocalSiloDetails _silo;

    public SiloGauges(SiloState state, ILocalSiloDetails silo)
    {
        _state = state;
        _silo = silo;
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloGauges), ServiceLifecycleStage.RuntimeInitialize, Start, Stop);

    private Task Start(CancellationToken cancellationToken)
    {
        Silos[_silo.Name] = _state;
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            Metrics.DefaultRegistry.AddBeforeCollectCallback(Refresh);
        }

        Refresh();
        return Task.CompletedTask;
    }

    private Task Stop(CancellationToken cancellationToken)
    {
        if (Silos.TryRemove(new KeyValuePair<string, SiloState>(_silo.Name, _state)))
        {
            foreach (var gauge in All)
            {
                gauge.RemoveLabelled(_silo.Name);
            }

            if (CpuSetLabels.TryRemove(_silo.Name, out var labels))
            {
                SerialClusterMetrics.SiloCpuSetCores.RemoveLabelled(labels);
            }
        }

        return Task.CompletedTask;
    }

    private static IEnumerable<Gauge> All =>
    [
        SerialClusterMetrics.SiloSingleThreadScore, SerialClusterMetrics.SiloAllCoreScore, SerialClusterMetrics.SiloCores,
        SerialClusterMetrics.SiloRunningChains, SerialClusterMetrics.SiloRunningTasks,
    ];

    /// <summary>Copies every registered silo's state into the gauges (before each collection).</summary>
    private static void Refresh()
    {
        var site = HostSite.Read();
        foreach (var (name, state) in Silos)
        {
            var calibration = state.Calibration;
            var cores = calibration is { UsableCores: > 0 } c ? c.UsableCores : Environment.ProcessorCount;
            SerialClusterMetrics.SiloSingleThreadScore.WithLabels(name).Set(calibration?.SingleThreadScore ?? 0);
            SerialClusterMetrics.SiloAllCoreScore.WithLabels(name).Set(calibration?.AllCoreScore ?? 0);
            SerialClusterMetrics.SiloCores.WithLabels(name).Set(cores);
            string[] labels = [name, site.Host, site.CpuSet ?? string.Empty];
            if (CpuSetLabels.TryGetValue(name, out var previous) && !previous.SequenceEqual(labels, StringComparer.Ordinal))
            {
                SerialClusterMetrics.SiloCpuSetCores.RemoveLabelled(previous);
            }

            CpuSetLabels[name] = labels;
            SerialClusterMetrics.SiloCpuSetCores.WithLabels(labels).Set(cores);
            SerialClusterMetrics.SiloRunningChains.WithLabels(name).Set(state.RunningChains);
            SerialClusterMetrics.SiloRunningTasks.WithLabels(name).Set(state.RunningTasks);
        }
    }
}
