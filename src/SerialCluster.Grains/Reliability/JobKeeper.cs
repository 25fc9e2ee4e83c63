using Microsoft.Extensions.Logging;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Grains.Calibration;
using SerialCluster.Grains.Hosting;

namespace SerialCluster.Grains.Reliability;

/// <summary>
/// On every silo, once it is active: every <see cref="ReliabilityOptions.KeeperInterval"/> asks the job registry to
/// wake running jobs. Nothing else would call a job whose coordinator was lost with its silo (or with the whole
/// cluster) while no client watches it; woken, its coordinator resumes from the stored progress.
/// </summary>
public sealed partial class JobKeeper(IGrainFactory grains, SerialClusterOptions options, TimeProvider time, ILogger<JobKeeper> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly BackgroundLoop _loop = new(_ => Task.CompletedTask);
    private BackgroundLoop? _running;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(
            nameof(JobKeeper),
            ServiceLifecycleStage.Active,
            ct =>
            {
                _running = new BackgroundLoop(KeepAsync);
                return _running.StartAsync(ct);
            },
            ct => (_running ?? _loop).StopAsync(ct));

    private async Task KeepAsync(CancellationToken stopping)
    {
        var registry = grains.GetGrain<IJobRegistryGrain>(IJobRegistryGrain.Key);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await registry.KeepAsync().WaitAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The registry's silo may be gone this moment; the next round reaches its new activation.
                LogKeepFailed(logger, e);
            }

            try
            {
                await Task.Delay(options.Reliability.KeeperInterval, time, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The job keeper could not reach the job registry this round")]
    private static partial void LogKeepFailed(ILogger logger, Exception exception);
}
