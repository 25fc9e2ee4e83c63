using SerialCluster.Abstractions.Calibration;
using SerialCluster.Abstractions.Execution;

namespace SerialCluster.Grains.Execution;

/// <summary>A live silo as the coordinator sees it for one job: where it is, what it offers, what it is running.</summary>
public sealed class SiloSlot
{
    public SiloSlot(SiloAddress address, SiloCapacity capacity)
    {
        Address = address;
        Capacity = capacity;
        var usable = capacity.Calibration is { UsableCores: > 0 } c ? (int)Math.Round(c.UsableCores) : capacity.Cores;
        Cores = Math.Max(1, usable);
        // Tasks other jobs are running there now take cores away from this job.
        FreeCores = Math.Max(1, Cores - capacity.RunningTasks);
    }

    public SiloAddress Address { get; }

    public SiloCapacity Capacity { get; }

    public string Name => Capacity.Silo;

    public string Machine => Capacity.Machine;

    public SiloRole Role => Capacity.Role;

    /// <summary>Cores this silo may use: the calibrated usable cores (cgroup quota included), else its processor count.</summary>
    public int Cores { get; }

    /// <summary>Cores not busy with other jobs' tasks when this job started; the dispatcher's weight.</summary>
    public int FreeCores { get; }

    /// <summary>The calibrated single-thread score, or null before the first calibration.</summary>
    public double? SingleThreadScore => Capacity.Calibration?.SingleThreadScore;

    public int InFlight { get; set; }

    /// <summary>Share of this silo's free cores in use by this job; the dispatcher fills the least loaded silo first.</summary>
    public double Load => (double)InFlight / FreeCores;
}
