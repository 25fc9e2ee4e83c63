namespace SerialCluster.Grains.Execution;

/// <summary>A live silo as the coordinator sees it for one job: where it is, what it offers, what it is running.</summary>
public sealed class SiloSlot(SiloAddress address, string name, string machine, int cores)
{
    public SiloAddress Address { get; } = address;

    public string Name { get; } = name;

    public string Machine { get; } = machine;

    public int Cores { get; } = Math.Max(1, cores);

    public int InFlight { get; set; }

    /// <summary>Share of this silo's cores in use; the dispatcher fills the least loaded silo first.</summary>
    public double Load => (double)InFlight / Cores;
}
