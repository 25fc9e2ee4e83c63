namespace SerialCluster.Grains.Calibration;

/// <summary>
/// Lets one calibration at a time run on a machine, so that silos sharing it do not measure each other: silos
/// in one process (the embedded cluster, test clusters) wait on a semaphore, silo processes on one machine on
/// an exclusive lock of a file in the temp directory (released by the OS if the holder dies). Where the file
/// cannot be locked (permissions, a wait beyond <see cref="MaxWait"/>) the measurement goes ahead unlocked.
/// </summary>
internal static class CalibrationGate
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    private static readonly SemaphoreSlim InProcess = new(1, 1);
    private static readonly string LockPath = Path.Combine(Path.GetTempPath(), "serialcluster-calibration.lock");
    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(50);

    public static async Task<IDisposable> EnterAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        await InProcess.WaitAsync(cancellationToken);
        try
        {
            var start = time.GetTimestamp();
            while (true)
            {
                try
                {
                    return new Held(new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
                }
                catch (IOException) when (time.GetElapsedTime(start) < MaxWait)
                {
                    await Task.Delay(Retry, time, cancellationToken); // another silo process is measuring
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
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
                InProcess.Release();
            }
        }
    }
}
