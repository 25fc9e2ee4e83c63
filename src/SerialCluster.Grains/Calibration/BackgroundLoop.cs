namespace SerialCluster.Grains.Calibration;

/// <summary>
/// One background loop of a silo service: started (off the lifecycle's thread) at the stage it subscribes to,
/// cancelled and awaited when the silo stops.
/// </summary>
public sealed class BackgroundLoop(Func<CancellationToken, Task> body)
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _running = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _running = Task.Run(() => body(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _running.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
