using System.Globalization;

namespace SerialCluster.Grains.Limits;

/// <summary>
/// What the jobs this silo coordinates hold while they run: how many, and the bytes their plans took to build. Per-job
/// limits do not bound a silo (ten legal jobs can each hold a large circuit), so admission also asks this gate
/// (<see cref="JobLimits.MaxSiloJobs"/>, <see cref="JobLimits.MaxSiloPlanBytes"/>); a job leaves it when its run ends.
/// </summary>
public sealed class SiloWorkGate(JobLimits limits)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (long PlanBytes, Task Run)> _running = new(StringComparer.Ordinal);

    /// <summary>Running jobs held, and their plans' bytes together.</summary>
    public (int Jobs, long PlanBytes) InFlight
    {
        get
        {
            lock (_lock)
            {
                return (_running.Count, _running.Values.Sum(r => r.PlanBytes));
            }
        }
    }

    /// <summary>Why a new job whose plan took <paramref name="planBytes"/> to build does not fit now; null when it fits.</summary>
    public string? Refusal(long planBytes)
    {
        var (jobs, held) = InFlight;
        if (jobs >= limits.MaxSiloJobs)
        {
            return $"over a limit of this silo: it already coordinates {N(jobs)} running jobs, the limit of {N(limits.MaxSiloJobs)} " +
                $"({JobLimits.Key(nameof(JobLimits.MaxSiloJobs))}); submit it again when one has finished";
        }

        var most = limits.SiloPlanBytes;
        // A job alone on an idle silo is always admitted: the per-job limits already decided that it may run at all.
        return jobs > 0 && held + planBytes > most
            ? $"over a limit of this silo: its {N(jobs)} running jobs hold plans that took {N(held)} bytes to build, and this one's {N(planBytes)} " +
                $"more would exceed the limit of {N(most)} bytes ({JobLimits.Key(nameof(JobLimits.MaxSiloPlanBytes))}); submit it again when one has finished"
            : null;
    }

    /// <summary>Holds <paramref name="jobId"/>'s share until <paramref name="run"/> ends (a job held again counts once, for its newest run).</summary>
    public void Hold(string jobId, long planBytes, Task run)
    {
        ArgumentNullException.ThrowIfNull(run);
        lock (_lock)
        {
            _running[jobId] = (planBytes, run);
        }

        run.ContinueWith(
            _ => Release(jobId, run), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void Release(string jobId, Task run)
    {
        lock (_lock)
        {
            if (_running.TryGetValue(jobId, out var held) && held.Run == run)
            {
                _running.Remove(jobId);
            }
        }
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
