namespace SerialCluster.Grains.Tests;

/// <summary>A real three-silo Orleans cluster in this process, shared by every grain test.</summary>
public sealed class ClusterFixture() : InProcessClusterFixture(SiloCount)
{
    public const int SiloCount = 3;
}
