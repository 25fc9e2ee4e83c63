namespace SerialCluster.Grains.Reliability;

/// <summary>
/// Watches a long call to another silo through membership: when the callee's silo is declared dead (crashed,
/// stopped past failure detection, or left) the call is abandoned at once with <see cref="SiloLostException"/>,
/// instead of waiting for a response timeout that long computations cannot use.
/// </summary>
public sealed class SiloWatch(IClusterMembershipService membership, TimeProvider time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    /// <summary>The clock the watch ticks by, for the calls it watches.</summary>
    public TimeProvider Time => time;

    /// <summary>True once membership no longer lists <paramref name="silo"/> as a live member.</summary>
    public bool IsLost(SiloAddress silo) =>
        membership.CurrentSnapshot.GetSiloStatus(silo) is SiloStatus.Dead or SiloStatus.None;

    /// <summary>Awaits <paramref name="call"/>, failing with <see cref="SiloLostException"/> when <paramref name="silo"/> is lost first.</summary>
    public async Task<T> CallAsync<T>(SiloAddress silo, Task<T> call, CancellationToken cancellationToken)
    {
        while (!call.IsCompleted)
        {
            await Task.WhenAny(call, Task.Delay(Interval, time, CancellationToken.None));
            cancellationToken.ThrowIfCancellationRequested();
            if (!call.IsCompleted && IsLost(silo))
            {
                Observe(call);
                throw new SiloLostException(silo.ToString());
            }
        }

        return await call;
    }

    /// <summary>Marks an abandoned call's eventual failure as observed, so it is not reported as unobserved.</summary>
    public static void Observe(Task call) =>
        _ = call.ContinueWith(
            t => _ = t.Exception,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
}
