using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SerialCluster.Abstractions.Calibration;
using SerialCluster.Grains.Calibration.Host;
using SerialCluster.Grains.Hosting;
using SerialCluster.Workloads.Calibration;

namespace SerialCluster.Grains.Calibration;

/// <summary>
/// Measures this silo (<see cref="CalibrationKernel"/>, <see cref="HostHardware"/>) and publishes it into
/// <see cref="SiloState"/>. The first measurement runs in the background so it never delays silo start; overrides are
/// published at once. It measures again every <see cref="SerialClusterOptions.CalibrationInterval"/>, only while idle
/// (a busy silo would read low); silos on one machine take turns (<see cref="CalibrationGate"/>). See docs/CALIBRATION.md.
/// </summary>
public sealed partial class CalibrationService : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>How often a deferred re-measurement looks again whether the silo has become idle.</summary>
    public static readonly TimeSpan BusyRetry = TimeSpan.FromSeconds(1);

    private readonly SerialClusterOptions _options;
    private readonly SiloState _state;
    private readonly ILocalSiloDetails _silo;
    private readonly TimeProvider _time;
    private readonly ILogger<CalibrationService> _logger;
    private readonly BackgroundLoop _loop;

    public CalibrationService(SerialClusterOptions options, SiloState state, ILocalSiloDetails silo, TimeProvider time, ILogger<CalibrationService> logger)
    {
        Validate(options);
        _options = options;
        _state = state;
        _silo = silo;
        _time = time;
        _logger = logger;
        _loop = new BackgroundLoop(RunAsync);
    }

    public void Participate(ISiloLifecycle lifecycle)
    {
        if (!_options.CalibrationEnabled)
        {
            return;
        }

        lifecycle.Subscribe(nameof(CalibrationService), ServiceLifecycleStage.First, _ =>
        {
            PublishOverrides();
            return Task.CompletedTask;
        });
        lifecycle.Subscribe(nameof(CalibrationService), ServiceLifecycleStage.Active, _loop.StartAsync, _loop.StopAsync);
    }

    /// <summary>Fails silo start with the offending key when the calibration settings make no sense.</summary>
    public static void Validate(SerialClusterOptions options)
    {
        const string Section = "SerialCluster:Silo";
        if (options.CalibrationDuration < CalibrationKernel.MinimumDuration)
        {
            throw new ArgumentException(
                $"{Section}:{nameof(options.CalibrationDuration)} is {options.CalibrationDuration}; "
                + $"allowed: at least {CalibrationKernel.MinimumDuration}");
        }

        if (options.CalibrationInterval < TimeSpan.Zero)
        {
            throw new ArgumentException(
                $"{Section}:{nameof(options.CalibrationInterval)} is {options.CalibrationInterval}; "
                + "allowed: 0 (only at start) or a positive interval");
        }

        if (options.SingleThreadScoreOverride is { } score && !(score > 0 && double.IsFinite(score)))
        {
            throw new ArgumentException($"{Section}:{nameof(options.SingleThreadScoreOverride)} is {score}; allowed: a positive number of steps per second");
        }

        if (options.UsableCoresOverride is { } cores && !(cores > 0 && double.IsFinite(cores)))
        {
            throw new ArgumentException($"{Section}:{nameof(options.UsableCoresOverride)} is {cores}; allowed: a positive number of cores");
        }
    }

    private bool IsOverridden => _options.SingleThreadScoreOverride is not null || _options.UsableCoresOverride is not null;

    private void PublishOverrides()
    {
        if (_options.SingleThreadScoreOverride is { } score)
        {
            // All-core 0 until measured: the override stands alone until then.
            _state.Publish(Describe(HostHardware.Read(), score, allCore: 0, seconds: 0));
        }
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            await MeasureAndPublishAsync(stopping);
            if (_options.CalibrationInterval <= TimeSpan.Zero)
            {
                return;
            }

            while (true)
            {
                await Task.Delay(_options.CalibrationInterval, _time, stopping);
                var deferred = false;
                while (_state.RunningChains + _state.RunningTasks > 0)
                {
                    if (!deferred)
                    {
                        LogDeferred(_logger, _silo.Name, _state.RunningChains, _state.RunningTasks);
                        deferred = true;
                    }

                    await Task.Delay(BusyRetry, _time, stopping);
                }

                await MeasureAndPublishAsync(stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }

    private async Task MeasureAndPublishAsync(CancellationToken stopping)
    {
        try
        {
            using var turn = await CalibrationGate.EnterAsync(_time, _options.CalibrationLockDirectory, stopping);
            var start = Stopwatch.GetTimestamp();
            var hardware = HostHardware.Read();
            var duration = _options.CalibrationDuration;
            var single = _options.SingleThreadScoreOverride
                ?? await OnOwnThread(() => CalibrationKernel.MeasureSingleThread(duration, stopping));
            var allCore = await OnOwnThread(() => CalibrationKernel.MeasureAllCore(hardware.ProcessorCount, duration, stopping));
            var calibration = Describe(hardware, single, allCore, Stopwatch.GetElapsedTime(start).TotalSeconds);
            _state.Publish(calibration);
            LogCalibrated(
                _logger, _silo.Name, calibration.SingleThreadScore, calibration.AllCoreScore, calibration.UsableCores,
                calibration.ProcessorCount, calibration.CpuModel, calibration.ClockMHz, calibration.MeasurementSeconds, calibration.Overridden);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            LogFailed(_logger, e, _silo.Name);
        }
    }

    private SiloCalibration Describe(HostHardware hardware, double single, double allCore, double seconds) => new(
        single,
        allCore,
        hardware.ProcessorCount,
        _options.UsableCoresOverride ?? hardware.UsableCores,
        hardware.Cpu.Model,
        hardware.Cpu.ClockMHz,
        _time.GetUtcNow(),
        seconds,
        IsOverridden);

    /// <summary>A measurement blocks its thread for a while: give it a dedicated one, not a thread-pool thread.</summary>
    private static Task<double> OnOwnThread(Func<double> measure) =>
        Task.Factory.StartNew(measure, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Calibrated {Silo}: single-thread {SingleThread:N0} steps/s, all-core {AllCore:N0} steps/s, "
            + "{UsableCores:0.##} of {Processors} cores usable, {CpuModel} at {ClockMHz:F0} MHz; took {Seconds:F2} s (overridden: {Overridden})")]
    private static partial void LogCalibrated(
        ILogger logger,
        string silo,
        double singleThread,
        double allCore,
        double usableCores,
        int processors,
        string cpuModel,
        double clockMHz,
        double seconds,
        bool overridden);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Re-calibration of {Silo} deferred: {Chains} chain(s) and {Tasks} task(s) running")]
    private static partial void LogDeferred(ILogger logger, string silo, int chains, int tasks);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Calibration of {Silo} failed; the previous figures stay published")]
    private static partial void LogFailed(ILogger logger, Exception exception, string silo);
}
