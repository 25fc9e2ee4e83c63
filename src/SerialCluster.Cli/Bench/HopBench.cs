using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Cli.Cluster;
using SerialCluster.Grains.Calibration;
using SerialCluster.Grains.Hosting;
using SerialCluster.Grains.Placement;
using static SerialCluster.Cli.Bench.BenchFormat;

namespace SerialCluster.Cli.Bench;

/// <summary>
/// Target 4: grain round trips, local (a silo to itself) and cross-silo (over loopback TCP), two ways: the
/// cluster's own probes (each silo's <c>HopProbeService</c> figures, as <c>serialcluster cluster --json</c> shows
/// them) and the bench's own calls, made from inside each silo to the probe grain on every silo,
/// <see cref="BenchSizes.HopPings"/> in a row after a warm-up, one at a time.
/// </summary>
public static class HopBench
{
    public const double CrossGoalMicroseconds = 60;
    public const double LocalGoalMicroseconds = 10;

    public static async Task<BenchSection> RunAsync(BenchContext context)
    {
        context.Say("target 4: waiting for the cluster's own hop probes, then timing round trips from inside each silo");
        var survey = await ClusterSurvey.WaitAsync(context.Client, TimeSpan.FromSeconds(20), context.Say, context.CancellationToken);
        var probeLocal = new List<double>();
        var probeCross = new List<double>();
        var details = new List<string>
        {
            "| from | to | cluster probe p50 | p99 | samples | bench p50 | bench p99 | calls |",
            "|---|---|---:|---:|---:|---:|---:|---:|",
        };
        var matrix = new JsonArray();
        var benchLocal = new List<double>();
        var benchCross = new List<double>();
        var silos = context.Cluster.SiloServices
            .Select(s => (Details: s.GetRequiredService<ILocalSiloDetails>(), Grains: s.GetRequiredService<IGrainFactory>()))
            .ToList();
        var own = new Dictionary<(string From, string To), List<double>>();
        // The cross-silo calls are watched thread by thread: how many times a thread of this process (both silos live
        // in it) was put on a CPU per round trip, and the CPU it took, against the round trip's wall.
        var crossThreads = new List<ThreadCpuUse>();
        var crossCalls = 0;
        foreach (var from in silos)
        {
            foreach (var to in silos)
            {
                var cross = !from.Details.SiloAddress.Equals(to.Details.SiloAddress);
                using var watch = cross && ThreadCpuSampler.Available ? ThreadCpuSampler.Start() : null;
                own[(from.Details.Name, to.Details.Name)] = await PingAsync(
                    from.Grains, to.Details.SiloAddress, context.Sizes.HopPings, context.CancellationToken);
                if (watch is not null)
                {
                    crossThreads.AddRange(watch.Stop().Where(g => g.Group != ThreadCpuSampler.GroupOf("cpu-sampler")));
                    crossCalls += Warmup(context.Sizes.HopPings) + context.Sizes.HopPings;
                }
            }
        }

        survey = await ClusterSurvey.ReadAsync(context.Client, context.CancellationToken);
        foreach (var from in silos)
        {
            foreach (var to in silos)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                var local = from.Details.SiloAddress.Equals(to.Details.SiloAddress);
                var probe = survey.Silos.FirstOrDefault(s => s.Name == from.Details.Name)?.Capacity?.Hops.FirstOrDefault(h => h.Peer == to.Details.Name);
                if (probe is { Samples: > 0 })
                {
                    (local ? probeLocal : probeCross).Add(probe.P50Microseconds);
                }

                var times = own[(from.Details.Name, to.Details.Name)];
                var p50 = Percentile(times, 50);
                var p99 = Percentile(times, 99);
                if (times.Count > 0)
                {
                    (local ? benchLocal : benchCross).Add(p50);
                }

                details.Add(
                    F($"| {from.Details.Name} | {to.Details.Name} | {(probe is null ? "—" : Micro(probe.P50Microseconds))} | ") +
                        F($"{(probe is null ? "—" : Micro(probe.P99Microseconds))} | {probe?.Samples ?? 0} | {Micro(p50)} | {Micro(p99)} | {times.Count} |"));
                matrix.Add(new JsonObject
                {
                    ["from"] = from.Details.Name,
                    ["to"] = to.Details.Name,
                    ["probeP50Microseconds"] = probe?.P50Microseconds,
                    ["probeP99Microseconds"] = probe?.P99Microseconds,
                    ["benchP50Microseconds"] = times.Count > 0 ? p50 : null,
                    ["benchP99Microseconds"] = times.Count > 0 ? p99 : null,
                    ["benchCalls"] = times.Count,
                });
            }
        }

        // The floor under those calls on this machine, measured right after them: no Orleans, the same kind of I/O.
        var tcp = await LoopbackFloor.TcpAsync(context.Sizes.HopPings, context.CancellationToken);
        var handOff = await LoopbackFloor.HandOffAsync(context.Sizes.HopPings, context.CancellationToken);
        var wake = LoopbackFloor.Wake(context.Sizes.HopPings);
        var tcpP50 = Percentile(tcp, 50);
        var handOffP50 = Percentile(handOff, 50);
        var wakeP50 = Percentile(wake, 50);
        details.Add(string.Empty);
        details.Add(
            F($"The floor, no Orleans: loopback TCP round trip (1 byte each way, two async sockets in this process) p50 {Micro(tcpP50)}, p99 ") +
                F($"{Micro(Percentile(tcp, 99))}; an async hand-off to another task and back (channels) p50 {Micro(handOffP50)}, p99 ") +
                F($"{Micro(Percentile(handOff, 99))}."));
        details.Add(
            F($"The rows' figure is the worst pair's p50 (every pair must meet the limit). The cluster's probes: {HopProbeService.PingsPerRound} timed ") +
                F($"calls per pair every {SerialClusterOptions.DefaultHopProbeInterval.TotalSeconds:F0} s, the last {HopProbeService.WindowSize} kept, read ") +
                F($"after the bench's own calls."));
        details.Add(
            F($"A blocked thread woken by another and back (two wake-ups, events that do not spin): p50 {Micro(wakeP50)}, p99 {Micro(Percentile(wake, 99))}."));
        var rows = new List<BenchRow>
        {
            Row("cross-silo grain round trip p50, cluster's own probes", probeCross, CrossGoalMicroseconds),
            Row("cross-silo grain round trip p50, bench", benchCross, CrossGoalMicroseconds),
            Row("local grain round trip p50, cluster's own probes", probeLocal, LocalGoalMicroseconds),
            Row("local grain round trip p50, bench", benchLocal, LocalGoalMicroseconds),
            new("4", "the machine's floor: loopback TCP round trip p50, no Orleans", Micro(tcpP50), CrossGoalMicroseconds / tcpP50,
                F($"≤ {CrossGoalMicroseconds:F0} µs"),
                F($"cross-silo bench p50 ÷ this = {(benchCross.Count > 0 ? benchCross.Max() / tcpP50 : double.NaN):F2}: what Orleans' messaging adds over ") +
                    F($"the socket round trip it rides on")),
            new("4", "the machine's floor: async hand-off to another task and back, no Orleans", Micro(handOffP50), LocalGoalMicroseconds / handOffP50,
                F($"≤ {LocalGoalMicroseconds:F0} µs"),
                F($"local bench p50 ÷ this = {(benchLocal.Count > 0 ? benchLocal.Max() / handOffP50 : double.NaN):F2}: a local grain call is at least one ") +
                    F($"hand-off to the activation and one back")),
            new("4", "the machine's floor: a blocked thread woken and back (two wake-ups), no Orleans", Micro(wakeP50), null, "reported",
                F($"one wake-up ≈ {Micro(wakeP50 / 2)}: what a message costs when the thread that must take it is asleep")),
        };
        var dispatches = crossThreads.GroupBy(g => g.Group, StringComparer.Ordinal)
            .Select(
                g => (
                    Group: g.Key,
                    PerCall: g.Sum(t => t.Dispatches) / (double)Math.Max(1, crossCalls),
                    CpuPerCall: g.Sum(t => t.CpuSeconds) / Math.Max(1, crossCalls)))
            .OrderByDescending(g => g.PerCall)
            .ToList();
        var perCall = dispatches.Sum(d => d.PerCall);
        var cpuPerCall = dispatches.Sum(d => d.CpuPerCall);
        if (crossCalls > 0 && benchCross.Count > 0)
        {
            // A round trip's wall is at least the CPU it takes; each time a thread had to be woken for it adds up to a wake-up.
            var modelled = (cpuPerCall * 1e6) + (perCall * wakeP50 / 2);
            rows.Add(new BenchRow(
                "4", "cross-silo round trip: threads put on a CPU per call, and CPU per call (this process)",
                F($"{perCall:F1} dispatches, {Micro(cpuPerCall * 1e6)} CPU"), null, "reported",
                F($"dispatches: {string.Join(", ", dispatches.Take(3).Select(d => F($"{d.Group.Split(" (")[0]} {d.PerCall:F1}")))}; CPU: ") +
                    string.Join(
                        ", ",
                        dispatches.OrderByDescending(d => d.CpuPerCall).Take(3).Select(d => F($"{d.Group.Split(" (")[0]} {Micro(d.CpuPerCall * 1e6)}"))) +
                    F($"; CPU + dispatches × one wake-up = {Micro(modelled)} against the bench's worst p50 {Micro(benchCross.Max())} ") +
                    F($"({crossCalls:N0} calls watched)")));
        }

        return new BenchSection("4. Hops", rows, details, new JsonObject
        {
            ["pairs"] = matrix,
            ["tcpFloorP50Microseconds"] = tcpP50,
            ["handOffFloorP50Microseconds"] = handOffP50,
            ["wakeRoundTripP50Microseconds"] = wakeP50,
            ["crossDispatchesPerCall"] = crossCalls > 0 ? perCall : null,
            ["crossCpuMicrosecondsPerCall"] = crossCalls > 0 ? cpuPerCall * 1e6 : null,
        });
    }

    private static BenchRow Row(string what, List<double> p50s, double goal) =>
        p50s.Count == 0
            ? BenchRow.Missing("4", what, F($"≤ {goal:F0} µs"), "no figure (probing off, or a pair never answered from its home silo)")
            : new BenchRow("4", what, Micro(p50s.Max()), goal / p50s.Max(), F($"≤ {goal:F0} µs"), F($"{p50s.Count} pair(s); best {Micro(p50s.Min())}"));

    /// <summary>Sequential pings to the probe grain on <paramref name="target"/>; only answers from that silo count.</summary>
    private static async Task<List<double>> PingAsync(IGrainFactory grains, SiloAddress target, int count, CancellationToken cancellationToken)
    {
        var probe = grains.GetGrain<IProbeGrain>(SiloKey.Format(target, "probe"));
        for (var i = 0; i < Warmup(count); i++)
        {
            await probe.PingAsync();
        }

        var times = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var start = Stopwatch.GetTimestamp();
            var home = await probe.PingAsync();
            var microseconds = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            if (home.Equals(target))
            {
                times.Add(microseconds);
            }
        }

        times.Sort();
        return times;
    }

    private static int Warmup(int count) => Math.Max(20, count / 10);
}
