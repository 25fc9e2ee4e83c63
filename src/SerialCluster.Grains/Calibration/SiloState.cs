using SerialCluster.Abstractions.Calibration;
using SerialCluster.Abstractions.Execution;
using SerialCluster.Grains.Calibration.Host;

namespace SerialCluster.Grains.Calibration;

/// <summary>
/// This silo's live figures, one instance per silo: its role, latest calibration, hop latencies, recent CPU
/// load, and the chains and tasks running on it now. Written by the calibration and probe services and by the executing
/// grains; read by <c>WorkerGrain.GetCapacityAsync</c> for the coordinator.
/// </summary>
public sealed class SiloState
{
    private readonly object _gate = new();
    private SiloCalibration? _calibration;
    private List<HopLatency> _hops = [];
    private CpuLoad? _load;
    private int _runningChains;
    private int _runningTasks;

    public SiloState(SiloRole role, bool coresDeclared = false)
    {
        Role = role;
        CoresDeclared = coresDeclared;
    }

    public SiloRole Role { get; }

    /// <summary>The operator configured this silo's usable cores (<c>UsableCoresOverride</c>): they are its own, not shared.</summary>
    public bool CoresDeclared { get; }

    public SiloCalibration? Calibration
    {
        get { lock (_gate) { return _calibration; } }
    }

    public int RunningChains => Volatile.Read(ref _runningChains);

    public int RunningTasks => Volatile.Read(ref _runningTasks);

    public void Publish(SiloCalibration calibration)
    {
        lock (_gate)
        {
            _calibration = calibration;
        }
    }

    public void PublishHops(IEnumerable<HopLatency> hops)
    {
        lock (_gate)
        {
            _hops = [.. hops];
        }
    }

    public void PublishLoad(CpuLoad load)
    {
        lock (_gate)
        {
            _load = load;
        }
    }

    /// <summary>The latest hop measurements from this silo (a copy).</summary>
    public IReadOnlyList<HopLatency> Hops
    {
        get
        {
            lock (_gate)
            {
                return [.. _hops];
            }
        }
    }

    /// <summary>Counts a running chain until the returned handle is disposed.</summary>
    public IDisposable ChainRunning() => new Counter(this, chain: true);

    /// <summary>Counts a running task until the returned handle is disposed.</summary>
    public IDisposable TaskRunning() => new Counter(this, chain: false);

    /// <summary>What the silo offers now, on <paramref name="site"/> with <paramref name="cores"/> processors.</summary>
    public SiloCapacity Snapshot(string silo, HostSite site, int cores)
    {
        lock (_gate)
        {
            return new SiloCapacity(
                silo, site.Machine, cores, Role, _calibration, RunningChains, RunningTasks, [.. _hops], _load, site.Host, site.CpuSet, site.ProcessId,
                CoresDeclared);
        }
    }

    private sealed class Counter : IDisposable
    {
        private readonly SiloState _state;
        private readonly bool _chain;
        private int _disposed;

        public Counter(SiloState state, bool chain)
        {
            _state = state;
            _chain = chain;
            Interlocked.Increment(ref chain ? ref state._runningChains : ref state._runningTasks);
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref _chain ? ref _state._runningChains : ref _state._runningTasks);
            }
        }
    }
}
