using SerialCluster.Abstractions.Ladder;

namespace SerialCluster.Abstractions.GrainInterfaces;

/// <summary>
/// Drives one rung of <c>serialcluster ladder</c> on the silo its key names (<c>"{silo}|ladder"</c>): a serial chain
/// whose state is forced across a boundary every k steps, timed from inside the silo.
/// </summary>
[Alias("SerialCluster.ILadderGrain")]
public interface ILadderGrain : IGrainWithStringKey
{
    [Alias("Run")]
    Task<LadderRun> RunAsync(LadderRequest request);

    /// <summary>The kind of the silo's job storage (its provider's type name): the storage rung means something only on Redis.</summary>
    [Alias("JobStorage")]
    Task<string> JobStorageAsync();
}
