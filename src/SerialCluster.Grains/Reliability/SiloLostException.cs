namespace SerialCluster.Grains.Reliability;

/// <summary>The silo a call was waiting on left the cluster (declared dead by membership); the work goes elsewhere.</summary>
[GenerateSerializer, Alias("SerialCluster.SiloLostException")]
public sealed class SiloLostException(string silo) : Exception($"silo {silo} was lost while running this work")
{
    [Id(0)]
    public string Silo { get; } = silo;
}
