using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SerialCluster.Abstractions.Execution;
using SerialCluster.Grains.Calibration.Host;

namespace SerialCluster.Grains.Calibration;

/// <summary>
/// Samples this silo's CPU load in wall-clock-aligned slices of <see cref="SliceMilliseconds"/>: the busy cores of the
/// CPUs it may run on and the cores its own process used, the last <see cref="Slices"/> published in
/// <see cref="SiloState.PublishLoad"/>, so the coordinator can see what other programs take (the foreign load).
/// Where the kernel's counters cannot be read (not Linux), nothing is published and the model assumes none.
/// </summary>
public sealed partial class LoadSampler : ILifecycleParticipant<ISiloLifecycle>
{
    public const int SliceMilliseconds = 250;
    public const int Slices = 20;

    private readonly SiloState _state;
    private readonly TimeProvider _time;
    private readonly ILogger<LoadSampler> _logger;
    private readonly BackgroundLoop _loop;
    private readonly double[] _machine = new double[Slices];
    private readonly double[] _process = new double[Slices];
    private readonly int _processId = Environment.ProcessId;

    public LoadSampler(SiloState state, TimeProvider time, ILogger<LoadSampler> logger)
    {
        _state = state;
        _time = time;
        _logger = logger;
        _loop = new BackgroundLoop(RunAsync);
        Array.Fill(_machine, double.NaN);
        Array.Fill(_process, double.NaN);
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(LoadSampler), ServiceLifecycleStage.Active, _loop.StartAsync, _loop.StopAsync);

    private async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            if (CpuCounters.ReadForThisProcess() is null)
            {
                return;
            }

            using var self = Process.GetCurrentProcess();
            var (slice, counters, cpu) = await AlignAsync(self, stopping);
            while (true)
            {
                var (next, nextCounters, nextCpu) = await AlignAsync(self, stopping);
                if (counters is { } a && nextCounters is { } b && b.Total > a.Total && next == slice + 1)
                {
                    // Busy share of this process's CPUs × their count = busy cores, kept within [0, CPUs]: iowait may
                    // run backwards, and a late timer stretches the slice the process time covers.
                    var machine = Math.Clamp((double)(b.Busy - a.Busy) / (b.Total - a.Total) * b.Cpus, 0, b.Cpus);
                    var process = Math.Clamp((nextCpu - cpu).TotalMilliseconds / SliceMilliseconds, 0, b.Cpus);
                    Record(slice, machine, process);
                }

                (slice, counters, cpu) = (next, nextCounters, nextCpu);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The silo is stopping.
        }
        catch (Exception e)
        {
            LogStopped(_logger, e);
        }
    }

    /// <summary>Waits for the next slice boundary of the wall clock and reads the counters there.</summary>
    private async Task<(long Slice, (long Busy, long Total, int Cpus)? Counters, TimeSpan ProcessCpu)> AlignAsync(Process self, CancellationToken stopping)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var next = ((now / SliceMilliseconds) + 1) * SliceMilliseconds;
        await Task.Delay(TimeSpan.FromMilliseconds(next - now), _time, stopping);
        self.Refresh();
        return (next / SliceMilliseconds, CpuCounters.ReadForThisProcess(), self.TotalProcessorTime);
    }

    /// <summary>Shifts the window to end at <paramref name="slice"/> and publishes it.</summary>
    private void Record(long slice, double machine, double process)
    {
        Array.Copy(_machine, 1, _machine, 0, Slices - 1);
        Array.Copy(_process, 1, _process, 0, Slices - 1);
        _machine[Slices - 1] = machine;
        _process[Slices - 1] = process;
        _state.PublishLoad(new CpuLoad(_processId, slice - Slices + 1, SliceMilliseconds, [.. _machine], [.. _process]));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "CPU load sampling stopped")]
    private static partial void LogStopped(ILogger logger, Exception exception);
}
