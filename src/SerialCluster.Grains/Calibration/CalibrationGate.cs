namespace SerialCluster.Grains.Calibration;

/// <summary>
/// Lets one calibration at a time run on a machine, so that silos sharing it do not measure each other: silos
/// in one process (the embedded cluster, test clusters) wait on a semaphore, silo processes on one machine on
/// an exclusive lock of a file in the lock directory (released by the OS if the holder dies). Where the file
/// cannot be locked (permissions, a wait beyond <see cref="MaxWait"/>) the measurement goes ahead unlocked.
/// </summary>
internal static class CalibrationGate
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    private static readonly SemaphoreSlim InProcess = new(1, 1);
    private const string LockFile = "serialcluster-calibration.lock";
    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(50);
    private static int _measuring;

    /// <summary>True while a silo of this process is measuring (and so every core of the machine may be busy).</summary>
    public static bool IsMeasuring => Volatile.Read(ref _measuring) != 0;

    /// <summary>Waits, at most <paramref name="limit"/>, until no silo of this process is measuring.</summary>
    public static async Task WaitWhileMeasuringAsync(TimeProvider time, TimeSpan limit, CancellationToken cancellationToken)
    {
        var start = time.GetTimestamp();
        while (IsMeasuring && time.GetElapsedTime(start) < limit)
        {
            await Task.Delay(Retry, time, cancellationToken);
        }
    }

    /// <summary>Takes this machine's turn; <paramref name="lockDirectory"/> null = the temp directory.</summary>
    public static async Task<IDisposable> EnterAsync(TimeProvider time, string? lockDirectory, CancellationToken cancellationToken)
    {
        var lockPath = Path.Combine(lockDirectory ?? Path.GetTempPath(), LockFile);
        await InProcess.WaitAsync(cancellationToken);
        try
        {
            var start = time.GetTimestamp();
            while (true)
            {
                try
                {
                    var file = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                    Volatile.Write(ref _measuring, 1);
                    return new Held(file);
                }
                catch (IOException) when (time.GetElapsedTime(start) < MaxWait)
                {
                    await Task.Delay(Retry, time, cancellationToken); // another silo process is measuring
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    Volatile.Write(ref _measuring, 1);
                    return new Held(null);
                }
            }
        }
        catch
        {
            InProcess.Release();
            throw;
        }
    }

    private sealed class Held(FileStream? file) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                file?.Dispose();
                Volatile.Write(ref _measuring, 0);
                InProcess.Release();
            }
        }
    }
}
