using SerialCluster.Abstractions.Calibration;
using SerialCluster.Abstractions.Execution;
using SerialCluster.Grains.Calibration;

namespace SerialCluster.Grains.Execution;

/// <summary>
/// A live silo as the coordinator sees it for one job: where it is, what it offers, what it is running, and the cores it
/// shares with silos on the same CPUs (<see cref="Share"/>; its own when it shares none).
/// </summary>
public sealed class SiloSlot
{
    private int _inFlight;

    public SiloSlot(SiloAddress address, SiloCapacity capacity, CoreShare? share = null)
    {
        Address = address;
        Capacity = capacity;
        var usable = capacity.Calibration is { UsableCores: > 0 } c ? (int)Math.Round(c.UsableCores) : capacity.Cores;
        Cores = Math.Max(1, usable);
        // Tasks other jobs are running there now take cores away from this job.
        FreeCores = Math.Max(1, Cores - capacity.RunningTasks);
        Share = share ?? new CoreShare(FreeCores, 1);
    }

    public SiloAddress Address { get; }

    public SiloCapacity Capacity { get; }

    public string Name => Capacity.Silo;

    /// <summary>The name the silo's machine shows (a container's own host name).</summary>
    public string Machine => Capacity.Machine;

    /// <summary>The host the silo runs on, shared by every container on one kernel (<see cref="CoreClaims.HostOf"/>).</summary>
    public string Host => CoreClaims.HostOf(Capacity);

    public SiloRole Role => Capacity.Role;

    /// <summary>Cores this silo may use: the calibrated usable cores (cgroup quota included), else its processor count.</summary>
    public int Cores { get; }

    /// <summary>Cores not busy with other jobs' tasks when this job started; the dispatcher's weight.</summary>
    public int FreeCores { get; }

    /// <summary>The calibrated single-thread score (sustained under a quota: <see cref="QuotaSpeed"/>), or null before the first calibration.</summary>
    public double? SingleThreadScore => Capacity.Calibration is { } calibration ? QuotaSpeed.SingleThread(calibration) : null;

    /// <summary>The cores this silo shares with the silos on its CPU set, and this job's tasks on them.</summary>
    public CoreShare Share { get; }

    /// <summary>This job's tasks (or open lanes) on this silo; counted in its <see cref="Share"/> too.</summary>
    public int InFlight
    {
        get => _inFlight;
        set
        {
            Share.InFlight += value - _inFlight;
            _inFlight = value;
        }
    }

    /// <summary>
    /// Share of the free cores of this silo's CPU set in use by this job, on any silo there; the dispatcher fills the
    /// least loaded first, so silos that share a CPU share its tasks.
    /// </summary>
    public double Load => (double)Share.InFlight / Share.FreeCores;

    /// <summary>Share of this silo's own free cores in use by this job: the tie-break between silos of one CPU set.</summary>
    public double OwnLoad => (double)_inFlight / FreeCores;
}
