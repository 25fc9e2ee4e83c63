namespace SerialCluster.Abstractions.Ladder;

/// <summary>What a serial chain's state crosses every k steps in <c>serialcluster ladder</c>.</summary>
[GenerateSerializer]
[Alias("SerialCluster.LadderBoundary")]
public enum LadderBoundary
{
    /// <summary>Nothing: the chain stays in its thread and its state is only copied out every k steps.</summary>
    Thread = 0,

    /// <summary>A grain call on the same silo: the next k steps run in another activation, and the state comes back.</summary>
    LocalGrain = 1,

    /// <summary>A grain call to another silo over the network: the next k steps run there, and the state comes back.</summary>
    OtherSilo = 2,

    /// <summary>The job storage: every k steps the state is written to it and read back before the chain goes on.</summary>
    Storage = 3,
}
