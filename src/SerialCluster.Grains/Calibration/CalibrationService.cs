using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SerialCluster.Abstractions.Calibration;
using SerialCluster.Grains.Calibration.Host;
using SerialCluster.Grains.Hosting;
using SerialCluster.Workloads.Calibration;

namespace SerialCluster.Grains.Calibration;

/// <summary>
/// Measures this silo (<see cref="CalibrationKernel"/>, <see cref="HostHardware"/>) into <see cref="SiloState"/>: first in the
/// background, never delaying start (overrides at once), or from <see cref="CalibrationCache"/> where it keeps a recent one;
/// then every <see cref="SerialClusterOptions.CalibrationInterval"/>, only while idle (a busy silo reads low). Silos on one
/// machine take turns (<see cref="CalibrationGate"/>). See docs/CALIBRATION.md.
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
    private readonly CalibrationCache? _cache;

    public CalibrationService(SerialClusterOptions options, SiloState state, ILocalSiloDetails silo, TimeProvider time, ILogger<CalibrationService> logger)
    {
        Validate(options);
        _options = options;
        _state = state;
        _silo = silo;
        _time = time;
        _logger = logger;
        _loop = new BackgroundLoop(RunAsync);
        _cache = options.CalibrationCacheDirectory is { } directory && !IsOverridden
            ? new CalibrationCache(directory, options.CalibrationCacheLifetime)
            : null;
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

        if (options.CalibrationCacheLifetime <= TimeSpan.Zero)
        {
            throw new ArgumentException(
                $"{Section}:{nameof(options.CalibrationCacheLifetime)} is {options.CalibrationCacheLifetime}; allowed: a positive time");
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
            await MeasureAndPublishAsync(stopping, cacheFirst: true);

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

                await MeasureAndPublishAsync(stopping, cacheFirst: false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }

    /// <summary>
    /// Measures and publishes, in this machine's turn; with <paramref name="cacheFirst"/> the kept figures are read in the
    /// same turn first, so a silo that waited for another's measurement takes it instead of measuring again.
    /// </summary>
    private async Task MeasureAndPublishAsync(CancellationToken stopping, bool cacheFirst)
    {
        try
        {
            using var turn = await CalibrationGate.EnterAsync(_time, _options.CalibrationLockDirectory, stopping);
            if (cacheFirst && PublishCached())
            {
                return;
            }

            var start = Stopwatch.GetTimestamp();
            var hardware = HostHardware.Read();
            var duration = _options.CalibrationDuration;
            var single = _options.SingleThreadScoreOverride
                ?? await OnOwnThread(() => CalibrationKernel.MeasureSingleThread(duration, stopping));
            var allCore = await OnOwnThread(() => CalibrationKernel.MeasureAllCore(hardware.ProcessorCount, duration, stopping));
            var calibration = Describe(hardware, single, allCore, Stopwatch.GetElapsedTime(start).TotalSeconds);
            _state.Publish(calibration);
            Keep(new CachedCalibration(
                CalibrationCache.KeyOf(hardware, HostSite.Read(), duration), single, allCore, calibration.MeasuredAt, calibration.MeasurementSeconds));
            LogCalibrated(
                _logger, _silo.Name, calibration.SingleThreadScore, calibration.AllCoreScore, calibration.UsableCores,
                calibration.ProcessorCount, calibration.CpuModel, calibration.ClockMHz, calibration.MeasurementSeconds, calibration.Overridden);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            LogFailed(_logger, e, _silo.Name);
        }
    }

    /// <summary>Writes a fresh measurement into the cache; a cache that cannot be written costs the next start a measurement, nothing more.</summary>
    private void Keep(CachedCalibration entry)
    {
        try
        {
            _cache?.Write(entry);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogCacheNotWritten(_logger, e, _silo.Name, _cache?.FilePath);
        }
    }

    /// <summary>Publishes this machine's kept calibration, if the cache holds a recent one; false: none, measure.</summary>
    /// <summary>Publishes the kept calibration for this hardware if there is a recent one; the caller holds the turn.</summary>
    private bool PublishCached()
    {
        if (_cache is null)
        {
            return false;
        }

        try
        {
            var hardware = HostHardware.Read();
            var key = CalibrationCache.KeyOf(hardware, HostSite.Read(), _options.CalibrationDuration);
            if (_cache.Read(key, _time.GetUtcNow()) is not { } kept)
            {
                return false;
            }

            var calibration = Describe(hardware, kept.SingleThreadScore, kept.AllCoreScore, kept.MeasurementSeconds) with
            {
                MeasuredAt = kept.MeasuredAt,
                Cached = true,
            };
            _state.Publish(calibration);
            LogCached(_logger, _silo.Name, calibration.SingleThreadScore, calibration.AllCoreScore, kept.MeasuredAt, _cache.FilePath);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogFailed(_logger, e, _silo.Name);
            return false;
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

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Calibration of {Silo} taken from the cache: single-thread {SingleThread:N0} steps/s, all-core {AllCore:N0} steps/s, "
            + "measured at {MeasuredAt:O} on this machine ({File})")]
    private static partial void LogCached(ILogger logger, string silo, double singleThread, double allCore, DateTimeOffset measuredAt, string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The calibration of {Silo} could not be kept in {File}; the next start measures again")]
    private static partial void LogCacheNotWritten(ILogger logger, Exception exception, string silo, string? file);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Re-calibration of {Silo} deferred: {Chains} chain(s) and {Tasks} task(s) running")]
    private static partial void LogDeferred(ILogger logger, string silo, int chains, int tasks);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Calibration of {Silo} failed; the previous figures stay published")]
    private static partial void LogFailed(ILogger logger, Exception exception, string silo);
}
