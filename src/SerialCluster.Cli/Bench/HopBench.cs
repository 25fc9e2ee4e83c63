using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SerialCluster.Abstractions.Grains;
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
        foreach (var from in silos)
        {
            foreach (var to in silos)
            {
                own[(from.Details.Name, to.Details.Name)] = await PingAsync(from.Grains, to.Details.SiloAddress, context.Sizes.HopPings, context.CancellationToken);
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

                details.Add(F($"| {from.Details.Name} | {to.Details.Name} | {(probe is null ? "—" : Micro(probe.P50Microseconds))} | {(probe is null ? "—" : Micro(probe.P99Microseconds))} | {probe?.Samples ?? 0} | {Micro(p50)} | {Micro(p99)} | {times.Count} |"));
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
        var tcpP50 = Percentile(tcp, 50);
        var handOffP50 = Percentile(handOff, 50);
        details.Add(string.Empty);
        details.Add(F($"The floor, no Orleans: loopback TCP round trip (1 byte each way, two async sockets in this process) p50 {Micro(tcpP50)}, p99 {Micro(Percentile(tcp, 99))}; an async hand-off to another task and back (channels) p50 {Micro(handOffP50)}, p99 {Micro(Percentile(handOff, 99))}."));
        details.Add(F($"The rows' figure is the worst pair's p50 (every pair must meet the limit). The cluster's probes: {HopProbeService.PingsPerRound} timed calls per pair every {SerialClusterOptions.DefaultHopProbeInterval.TotalSeconds:F0} s, the last {HopProbeService.WindowSize} kept, read after the bench's own calls."));
        var rows = new List<BenchRow>
        {
            Row("cross-silo grain round trip p50, cluster's own probes", probeCross, CrossGoalMicroseconds),
            Row("cross-silo grain round trip p50, bench", benchCross, CrossGoalMicroseconds),
            Row("local grain round trip p50, cluster's own probes", probeLocal, LocalGoalMicroseconds),
            Row("local grain round trip p50, bench", benchLocal, LocalGoalMicroseconds),
            new("4", "the machine's floor: loopback TCP round trip p50, no Orleans", Micro(tcpP50), CrossGoalMicroseconds / tcpP50, F($"≤ {CrossGoalMicroseconds:F0} µs"),
                F($"cross-silo bench p50 ÷ this = {(benchCross.Count > 0 ? benchCross.Max() / tcpP50 : double.NaN):F2}: what Orleans' messaging adds over the socket round trip it rides on")),
            new("4", "the machine's floor: async hand-off to another task and back, no Orleans", Micro(handOffP50), LocalGoalMicroseconds / handOffP50, F($"≤ {LocalGoalMicroseconds:F0} µs"),
                F($"local bench p50 ÷ this = {(benchLocal.Count > 0 ? benchLocal.Max() / handOffP50 : double.NaN):F2}: a local grain call is at least one hand-off to the activation and one back")),
        };
        return new BenchSection("4. Hops", rows, details, new JsonObject
        {
            ["pairs"] = matrix,
            ["tcpFloorP50Microseconds"] = tcpP50,
            ["handOffFloorP50Microseconds"] = handOffP50,
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
        for (var i = 0; i < Math.Max(20, count / 10); i++)
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
}
