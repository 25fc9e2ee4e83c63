using SerialCluster.Grains.Execution;

namespace SerialCluster.Grains.Jobs;

/// <summary>
/// The cluster as a coordinator last read it, used again for the job's next step (its run, each of its stages) while
/// membership has not changed and the view is younger than <see cref="Reuse"/>: each read is a call to every silo,
/// which a stepped job's thousands of short stages would otherwise pay once each. A retry always reads afresh.
/// </summary>
internal sealed class ClusterViewCache(IClusterMembershipService membership, IGrainFactory grains, TimeProvider time)
{
    /// <summary>How long a view is used again while membership has not changed.</summary>
    public static readonly TimeSpan Reuse = TimeSpan.FromSeconds(1);

    private (ClusterView View, long At, MembershipVersion Version)? _view;

    /// <summary>The cluster as read within <see cref="Reuse"/> and the same membership, else read now.</summary>
    public async Task<ClusterView> ReadAsync(bool fresh)
    {
        var version = membership.CurrentSnapshot.Version;
        if (!fresh && _view is { } seen && seen.Version == version && time.GetElapsedTime(seen.At) < Reuse)
        {
            return seen.View;
        }

        var view = await ClusterView.ReadAsync(membership, grains);
        _view = (view, time.GetTimestamp(), version);
        return view;
    }
}
