namespace SerialCluster.Grains.Reliability;

/// <summary>The silo a call was waiting on left the cluster (declared dead by membership); the work goes elsewhere.</summary>
public sealed class SiloLostException(string silo) : Exception($"silo {silo} was lost while running this work")
{
    public string Silo { get; } = silo;
}
