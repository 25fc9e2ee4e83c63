using System.Globalization;

namespace SerialCluster.Cli.Bench;

/// <summary>
/// This process's resident memory from /proc/self/status: now (VmRSS) and its peak (VmHWM). The peak can be reset
/// (writing 5 to /proc/self/clear_refs), so one process measures the peak of each run in turn; a sampler backs it
/// up where the reset is not allowed.
/// </summary>
public sealed class ResidentMemory : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private readonly bool _peakReset;
    private long _sampledPeak;

    private ResidentMemory()
    {
        _peakReset = TryResetPeak();
        _sampledPeak = Current();
        _sampler = Task.Run(SampleAsync);
    }

    /// <summary>Bytes resident now; 0 where /proc is absent.</summary>
    public static long Current() => Read("VmRSS:");

    /// <summary>Starts watching the peak from now (after a full, compacting collection, so the start is what is live).</summary>
    public static ResidentMemory StartWatching()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return new ResidentMemory();
    }

    /// <summary>The peak resident bytes since <see cref="StartWatching"/>.</summary>
    public async Task<long> StopAsync()
    {
        await _stop.CancelAsync();
        await _sampler;
        var peak = Interlocked.Read(ref _sampledPeak);
        return _peakReset ? Math.Max(peak, Read("VmHWM:")) : peak;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
            await _sampler;
        }

        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var now = Current();
                if (now > Interlocked.Read(ref _sampledPeak))
                {
                    Interlocked.Exchange(ref _sampledPeak, now);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(20), _stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private static bool TryResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long Read(string field)
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            if (line is null)
            {
                return 0;
            }

            var kilobytes = line[field.Length..].Trim().Split(' ')[0];
            return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return 0;
        }
    }
}
