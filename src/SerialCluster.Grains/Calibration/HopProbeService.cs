using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SerialCluster.Abstractions.Calibration;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Grains.Diagnostics;
using SerialCluster.Grains.Hosting;
using SerialCluster.Grains.Placement;
using SerialCluster.Workloads.Calibration;

namespace SerialCluster.Grains.Calibration;

/// <summary>
/// Measures grain-call round trips from this silo to every active silo, itself included, every
/// <see cref="SerialClusterOptions.HopProbeInterval"/> and at once on a membership change (a joining silo is measured
/// without waiting). The last <see cref="WindowSize"/> timed pings per peer give p50/p99 (<see cref="SiloState.PublishHops"/>).
/// A round waits while this process calibrates, so the hops do not measure the calibration's load.
/// </summary>
public sealed partial class HopProbeService : ILifecycleParticipant<ISiloLifecycle>
{
    public const int PingsPerRound = 5;

    /// <summary>Untimed calls before the timed ones of a round: a path idle since the last round answers slowly at first.</summary>
    public const int WarmUpPings = 3;
    public const int WindowSize = 100;

    /// <summary>How many times a round re-places a probe that answered from the wrong silo (pauses 0.1, 0.2, 0.4, 0.8 s).</summary>
    public const int MisplacedRetries = 5;

    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(5);

    // A calibration here saturates the machine's cores for about a second; round trips timed then would measure it.
    private static readonly TimeSpan MaxCalibrationWait = TimeSpan.FromSeconds(10);

    private readonly SerialClusterOptions _options;
    private readonly SiloState _state;
    private readonly IClusterMembershipService _membership;
    private readonly IGrainFactory _grains;
    private readonly ILocalSiloDetails _silo;
    private readonly TimeProvider _time;
    private readonly ILogger<HopProbeService> _logger;
    private readonly Dictionary<SiloAddress, LatencyWindow> _windows = [];
    private readonly BackgroundLoop _loop;

    public HopProbeService(
        SerialClusterOptions options,
        SiloState state,
        IClusterMembershipService membership,
        IGrainFactory grains,
        ILocalSiloDetails silo,
        TimeProvider time,
        ILogger<HopProbeService> logger)
    {
        if (options.HopProbeInterval < TimeSpan.Zero)
        {
            throw new ArgumentException(
                $"SerialCluster:Silo:{nameof(options.HopProbeInterval)} is {options.HopProbeInterval}; "
                + "allowed: 0 (never) or a positive interval");
        }

        _options = options;
        _state = state;
        _membership = membership;
        _grains = grains;
        _silo = silo;
        _time = time;
        _logger = logger;
        _loop = new BackgroundLoop(RunAsync);
    }

    public void Participate(ISiloLifecycle lifecycle)
    {
        if (_options.HopProbeInterval > TimeSpan.Zero)
        {
            lifecycle.Subscribe(nameof(HopProbeService), ServiceLifecycleStage.Active, _loop.StartAsync, _loop.StopAsync);
        }
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            // This silo's own first calibration is under way at start: let it finish before timing anything.
            var start = _time.GetTimestamp();
            while (_options.CalibrationEnabled && _state.Calibration is not { AllCoreScore: > 0 } && _time.GetElapsedTime(start) < MaxCalibrationWait)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), _time, stopping);
            }

            await using var updates = _membership.MembershipUpdates.GetAsyncEnumerator(stopping);
            var membershipChanged = updates.MoveNextAsync().AsTask();
            while (true)
            {
                await ProbeRoundAsync(stopping);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                var interval = Task.Delay(_options.HopProbeInterval, _time, wait.Token);
                if (await Task.WhenAny(interval, membershipChanged) == membershipChanged)
                {
                    await wait.CancelAsync();
                    if (!await membershipChanged)
                    {
                        return;
                    }

                    membershipChanged = updates.MoveNextAsync().AsTask();
                }
                else
                {
                    await interval; // throws when stopping
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The silo is stopping.
        }
        catch (Exception e)
        {
            LogStopped(_logger, e, _silo.Name);
        }
    }

    private async Task ProbeRoundAsync(CancellationToken stopping)
    {
        await CalibrationGate.WaitWhileMeasuringAsync(_time, MaxCalibrationWait, stopping);
        var active = _membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).ToList();
        foreach (var gone in _windows.Keys.Where(a => !active.Any(m => m.SiloAddress.Equals(a))).ToList())
        {
            _windows.Remove(gone);
        }

        foreach (var peer in active)
        {
            var probe = _grains.GetGrain<IProbeGrain>(SiloKey.Format(peer.SiloAddress, "probe"));
            try
            {
                if (!await ReachHomeAsync(probe, peer, stopping))
                {
                    continue; // still misplaced after the retries: the next round tries again
                }

                if (!_windows.TryGetValue(peer.SiloAddress, out var window))
                {
                    window = _windows[peer.SiloAddress] = new LatencyWindow(WindowSize);
                }

                // The peer answered; warm the path (threads parked since the last round, caches) before timing, and
                // bound the whole burst with one timer: a timer per timed call would be timed with it.
                using var burst = new CancellationTokenSource(PingTimeout * (WarmUpPings + PingsPerRound), _time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(burst.Token, stopping);
                for (var i = 0; i < WarmUpPings; i++)
                {
                    await probe.PingAsync().WaitAsync(linked.Token);
                }

                for (var i = 0; i < PingsPerRound; i++)
                {
                    var start = Stopwatch.GetTimestamp();
                    var home = await probe.PingAsync().WaitAsync(linked.Token);
                    var microseconds = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                    if (!home.Equals(peer.SiloAddress))
                    {
                        break;
                    }

                    window.Add(microseconds);
                    SerialClusterMetrics.HopSample(peer.Name, microseconds / 1e6);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
            {
                // A silo on its way out: membership will drop it; keep what was measured before.
                LogPingFailed(_logger, _silo.Name, peer.Name, e.Message);
            }
        }

        _state.PublishHops(active
            .Where(m => _windows.TryGetValue(m.SiloAddress, out var w) && w.Count > 0)
            .Select(m => (Member: m, Window: _windows[m.SiloAddress]))
            .OrderBy(p => p.Member.Name, StringComparer.Ordinal)
            .Select(p => new HopLatency(p.Member.Name, p.Window.Percentile(50), p.Window.Percentile(99), p.Window.Count)));
    }

    /// <summary>
    /// Makes the first, unrecorded call to a peer's probe. A probe placed while its silo was joining answers from
    /// another silo and then deactivates; pinging again after a short pause places it anew, normally at home, so
    /// a silo that has just joined is measured in this round rather than one interval later.
    /// </summary>
    private async Task<bool> ReachHomeAsync(IProbeGrain probe, ClusterMember peer, CancellationToken stopping)
    {
        var pause = TimeSpan.FromMilliseconds(100);
        for (var attempt = 1; ; attempt++)
        {
            var home = await probe.PingAsync().WaitAsync(PingTimeout, _time, stopping);
            if (home.Equals(peer.SiloAddress))
            {
                return true;
            }

            LogMisplaced(_logger, _silo.Name, peer.Name, home.ToString());
            if (attempt == MisplacedRetries)
            {
                return false;
            }

            await Task.Delay(pause, _time, stopping);
            pause *= 2;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Hop probe from {Silo} to {Peer} failed: {Reason}")]
    private static partial void LogPingFailed(ILogger logger, string silo, string peer, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Hop probe from {Silo} for {Peer} answered from {Home}; skipped this round")]
    private static partial void LogMisplaced(ILogger logger, string silo, string peer, string home);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hop probing on {Silo} stopped")]
    private static partial void LogStopped(ILogger logger, Exception exception, string silo);
}
