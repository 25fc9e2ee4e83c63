namespace SerialCluster.Cli.Bench;

/// <summary>
/// The garbage collections of this process while something ran: how many and how long they paused every managed
/// thread (a pause stops a chain's kernel too, wherever it runs in this process).
/// </summary>
public readonly record struct GcWatch(TimeSpan PausedAt, int CollectionsAt)
{
    public static GcWatch Start() => new(GC.GetTotalPauseDuration(), GC.CollectionCount(0));

    /// <summary>Seconds paused and collections (of any generation) since <see cref="Start"/>.</summary>
    public (double PauseSeconds, int Collections) Elapsed() =>
        ((GC.GetTotalPauseDuration() - PausedAt).TotalSeconds, GC.CollectionCount(0) - CollectionsAt);
}
